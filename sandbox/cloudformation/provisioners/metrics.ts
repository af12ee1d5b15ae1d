// The CloudWatch metrics a resource of our templates' types publishes while it exists, with the dimensions AWS
// uses (checked against @aws-cdk/aws-service-spec's metrics of each type): RDS instances, Application Load
// Balancers, and the target groups a listener forwards to. Other types publish nothing here, so nothing appears
// for their metrics (ECS services publish from their running tasks, see ecs/metrics.ts).
import type { EmittedMetric } from "../../core/contracts.ts";
import type { PhysicalResource } from "../state/types.ts";

const RDS = ["CPUUtilization", "DatabaseConnections", "FreeStorageSpace", "FreeableMemory", "ReadIOPS", "WriteIOPS", "ReadLatency", "WriteLatency"];
const ALB = ["RequestCount", "TargetResponseTime", "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "ActiveConnectionCount", "NewConnectionCount", "ProcessedBytes"];
const TARGET_GROUP = ["HealthyHostCount", "UnHealthyHostCount", "RequestCount", "TargetResponseTime"];

const each = (namespace: string, names: string[], dimensions: EmittedMetric["Dimensions"]): EmittedMetric[] =>
  names.map((MetricName) => ({ Namespace: namespace, MetricName, Dimensions: dimensions }));

/** `arn:...:loadbalancer/app/<name>/<id>` and `...:listener/app/<name>/<id>/<listener>` -> `app/<name>/<id>`. */
function loadBalancerDimension(arn: unknown): string | undefined {
  const path = typeof arn === "string" ? /:(?:loadbalancer|listener|listener-rule)\/((?:app|net)\/[^/]+\/[^/]+)/.exec(arn)?.[1] : undefined;
  return path;
}

/** `arn:...:targetgroup/<name>/<id>` -> `targetgroup/<name>/<id>`. */
const targetGroupDimension = (arn: unknown) => (typeof arn === "string" ? /:(targetgroup\/[^/]+\/[^/]+)$/.exec(arn)?.[1] : undefined);

/** Target group ARNs of `forward` actions (TargetGroupArn or ForwardConfig.TargetGroups). */
function forwardedTargetGroups(actions: unknown): unknown[] {
  if (!Array.isArray(actions)) return [];
  return actions.flatMap((action: { Type?: unknown; TargetGroupArn?: unknown; ForwardConfig?: { TargetGroups?: { TargetGroupArn?: unknown }[] } }) => {
    if (action?.Type !== "forward") return [];
    return [action.TargetGroupArn, ...(action.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)].filter(Boolean);
  });
}

export function publishedMetrics(type: string, physical: PhysicalResource): EmittedMetric[] {
  const props = physical.properties;
  switch (type) {
    case "AWS::RDS::DBInstance":
      return each("AWS/RDS", RDS, [{ Name: "DBInstanceIdentifier", Value: physical.physicalId }]);
    case "AWS::ElasticLoadBalancingV2::LoadBalancer": {
      const name = physical.attributes.LoadBalancerFullName;
      return typeof name === "string" && name.startsWith("app/") ? each("AWS/ApplicationELB", ALB, [{ Name: "LoadBalancer", Value: name }]) : [];
    }
    case "AWS::ElasticLoadBalancingV2::Listener":
    case "AWS::ElasticLoadBalancingV2::ListenerRule": {
      const loadBalancer = loadBalancerDimension(props.LoadBalancerArn ?? props.ListenerArn);
      if (!loadBalancer?.startsWith("app/")) return [];
      return forwardedTargetGroups(props.DefaultActions ?? props.Actions).flatMap((arn) => {
        const targetGroup = targetGroupDimension(arn);
        return targetGroup ? each("AWS/ApplicationELB", TARGET_GROUP, [{ Name: "LoadBalancer", Value: loadBalancer }, { Name: "TargetGroup", Value: targetGroup }]) : [];
      });
    }
    default:
      return [];
  }
}
