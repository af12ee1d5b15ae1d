// Elastic Load Balancing v2 and ACM-facing resources: ARNs and DNS names in AWS's formats.
import { arn, generatedName, randomDigits, randomHex, seconds, simple, stringProp, type ResourceProvisioner } from "./types.ts";

const loadBalancer: ResourceProvisioner = {
  durations: { create: seconds(180), update: seconds(20), delete: seconds(60) },
  create(ctx, props) {
    const name = stringProp(props, "Name") ?? generatedName(ctx, 32, 12).replace(/[^A-Za-z0-9-]/g, "");
    const kind = stringProp(props, "Type") === "network" ? "net" : "app";
    const fullName = `${kind}/${name}/${randomHex(16)}`;
    const internal = stringProp(props, "Scheme") === "internal" ? "internal-" : "";
    const dnsName = kind === "net"
      ? `${name}-${randomHex(16)}.elb.${ctx.region}.amazonaws.com`
      : `${internal}${name}-${randomDigits(10).replace(/^0/, "1")}.${ctx.region}.elb.amazonaws.com`;
    const loadBalancerArn = arn(ctx, "elasticloadbalancing", `loadbalancer/${fullName}`);
    return {
      physicalId: loadBalancerArn,
      attributes: {
        LoadBalancerArn: loadBalancerArn,
        DNSName: dnsName,
        CanonicalHostedZoneID: "Z35SXDOTRQ7X7K",
        LoadBalancerFullName: fullName,
        LoadBalancerName: name,
        SecurityGroups: Array.isArray(props.SecurityGroups) ? props.SecurityGroups : [],
      },
    };
  },
  delete(_ctx, current) {
    // ELBv2 DeleteLoadBalancer refuses with OperationNotPermitted while the deletion_protection.enabled attribute is true.
    const attributes = Array.isArray(current.properties.LoadBalancerAttributes) ? current.properties.LoadBalancerAttributes : [];
    const protection = (attributes as { Key?: unknown; Value?: unknown }[]).find((a) => a?.Key === "deletion_protection.enabled");
    if (String(protection?.Value) === "true") {
      throw new Error(`Load balancer '${current.physicalId}' cannot be deleted because deletion protection is enabled`);
    }
  },
};

/** `.../loadbalancer/app/<name>/<id>` -> `app/<name>/<id>`, the part listener and rule ARNs repeat. */
function loadBalancerPath(loadBalancerArn: string | undefined): string {
  return loadBalancerArn?.split(":loadbalancer/")[1] ?? `app/unknown/${randomHex(16)}`;
}

const listener = simple({ create: seconds(5), update: seconds(5), delete: seconds(5) }, (ctx, props) => {
  const listenerArn = arn(ctx, "elasticloadbalancing", `listener/${loadBalancerPath(stringProp(props, "LoadBalancerArn"))}/${randomHex(16)}`);
  return { physicalId: listenerArn, attributes: { ListenerArn: listenerArn } };
});

const listenerRule = simple({ create: seconds(3), update: seconds(3), delete: seconds(3) }, (ctx, props) => {
  const listenerPath = stringProp(props, "ListenerArn")?.split(":listener/")[1] ?? `app/unknown/${randomHex(16)}/${randomHex(16)}`;
  const ruleArn = arn(ctx, "elasticloadbalancing", `listener-rule/${listenerPath}/${randomHex(16)}`);
  return { physicalId: ruleArn, attributes: { RuleArn: ruleArn, IsDefault: "false" } };
});

const targetGroup = simple({ create: seconds(10), update: seconds(5), delete: seconds(5) }, (ctx, props) => {
  const name = stringProp(props, "Name") ?? generatedName(ctx, 32, 12).replace(/[^A-Za-z0-9-]/g, "");
  const fullName = `targetgroup/${name}/${randomHex(16)}`;
  const targetGroupArn = arn(ctx, "elasticloadbalancing", fullName);
  return {
    physicalId: targetGroupArn,
    attributes: { TargetGroupArn: targetGroupArn, TargetGroupFullName: fullName, TargetGroupName: name, LoadBalancerArns: [] },
  };
});

export const loadBalancingProvisioners: Record<string, ResourceProvisioner> = {
  "AWS::ElasticLoadBalancingV2::LoadBalancer": loadBalancer,
  "AWS::ElasticLoadBalancingV2::Listener": listener,
  "AWS::ElasticLoadBalancingV2::ListenerRule": listenerRule,
  "AWS::ElasticLoadBalancingV2::TargetGroup": targetGroup,
};
