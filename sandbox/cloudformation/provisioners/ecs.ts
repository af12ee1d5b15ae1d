// ECS resources are created through the sandbox's ECS service (EcsApi), so they show up in ListClusters,
// DescribeServices, ... and go away with the stack. CloudFormation's PascalCase properties become the ECS API's
// camelCase request shapes.
import { generatedName, seconds, stringProp, type Props, type ResourceProvisioner } from "./types.ts";

// Map-valued properties whose keys are user data, not API member names.
const OPAQUE_KEYS = new Set(["Options", "DockerLabels", "SystemControls"]);
const NUMERIC_KEYS = new Set([
  "desiredCount", "containerPort", "hostPort", "memoryReservation", "maximumPercent", "minimumHealthyPercent",
  "healthCheckGracePeriodSeconds", "interval", "timeout", "retries", "startPeriod", "weight", "base", "startTimeout", "stopTimeout",
]);

export function toEcsShape(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => toEcsShape(item, key));
  if (value !== null && typeof value === "object") {
    if (OPAQUE_KEYS.has(key)) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => {
      const camel = k[0].toLowerCase() + k.slice(1);
      return [camel, NUMERIC_KEYS.has(camel) && typeof v === "string" ? Number(v) : toEcsShape(v, k)];
    }));
  }
  return value;
}

function containerDefinitions(props: Props): unknown {
  const shaped = toEcsShape(props.ContainerDefinitions ?? []) as Record<string, unknown>[];
  // In container definitions cpu and memory are integers (in the task definition itself they are strings).
  return shaped.map((c) => ({
    ...c,
    ...(c.cpu !== undefined ? { cpu: Number(c.cpu) } : {}),
    ...(c.memory !== undefined ? { memory: Number(c.memory) } : {}),
  }));
}

const cluster: ResourceProvisioner = {
  durations: { create: seconds(10), update: seconds(5), delete: seconds(10) },
  create(ctx, props) {
    const input = { ...(toEcsShape(props) as Props), clusterName: stringProp(props, "ClusterName") ?? generatedName(ctx, 255, 12) };
    const created = ctx.ecs.createCluster(ctx.region, input);
    return { physicalId: created.clusterName, attributes: { Arn: created.clusterArn } };
  },
  delete(ctx, current) {
    ctx.ecs.deleteCluster(ctx.region, current.physicalId);
  },
  // The cluster's services drain for a while after DeleteService; AWS's handler waits for them.
  retryDeleteOn: ["ClusterContainsServicesException"],
};

const taskDefinition: ResourceProvisioner = {
  durations: { create: seconds(3), update: seconds(3), delete: seconds(3) },
  create(ctx, props) {
    const shaped = toEcsShape(props) as Props;
    const family = stringProp(props, "Family") ?? generatedName(ctx, 255, 12);
    const { taskDefinitionArn } = ctx.ecs.registerTaskDefinition(ctx.region, { ...shaped, family, containerDefinitions: containerDefinitions(props) });
    return { physicalId: taskDefinitionArn, attributes: { TaskDefinitionArn: taskDefinitionArn } };
  },
  delete(ctx, current) {
    ctx.ecs.deregisterTaskDefinition(ctx.region, current.physicalId);
  },
};

function clusterOf(props: Props): string {
  return stringProp(props, "Cluster") ?? "default";
}

const service: ResourceProvisioner = {
  // Creation and updates wait for the deployment to reach a steady state, as CloudFormation does.
  durations: { create: seconds(120), update: seconds(150), delete: seconds(60) },
  create(ctx, props) {
    const shaped = toEcsShape(props) as Props;
    const serviceName = stringProp(props, "ServiceName") ?? generatedName(ctx, 255, 12);
    const created = ctx.ecs.createService(ctx.region, { ...shaped, cluster: clusterOf(props), serviceName, desiredCount: shaped.desiredCount ?? 1 });
    return { physicalId: created.serviceArn, attributes: { ServiceArn: created.serviceArn, Name: created.serviceName, Cluster: clusterOf(props) } };
  },
  update(ctx, props, current) {
    const shaped = toEcsShape(props) as Props;
    const { serviceName: _name, launchType: _launch, tags: _tags, ...changes } = shaped;
    ctx.ecs.updateService(ctx.region, { ...changes, cluster: clusterOf(props), service: current.physicalId });
  },
  delete(ctx, current) {
    ctx.ecs.deleteService(ctx.region, String(current.attributes.Cluster ?? "default"), current.physicalId);
  },
};

export const ecsProvisioners: Record<string, ResourceProvisioner> = {
  "AWS::ECS::Cluster": cluster,
  "AWS::ECS::TaskDefinition": taskDefinition,
  "AWS::ECS::Service": service,
};
