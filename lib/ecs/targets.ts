import { listServices } from "../aws/ecs.ts";

// Which cluster and services a stack runs: from its outputs when they say so (our `service` template exports
// ClusterName and <X>ServiceName), else from its stored resources (AWS::ECS::Cluster, AWS::ECS::Service), else
// every service of the cluster (ListServices).

export interface EcsTargets {
  cluster: string;
  services: string[];
}

export async function findEcsTargets(
  region: string,
  outputs: { key: string; value: string }[],
  resources: { physicalId: string | null; resourceType: string }[],
): Promise<EcsTargets | null> {
  let cluster = outputs.find((o) => o.key === "ClusterName")?.value ?? null;
  let services = outputs.filter((o) => /ServiceName$/.test(o.key) && o.value).map((o) => o.value);
  if (!cluster || !services.length) {
    cluster ??= resources.find((r) => r.resourceType === "AWS::ECS::Cluster" && r.physicalId)?.physicalId ?? null;
    if (!services.length) {
      services = resources.filter((r) => r.resourceType === "AWS::ECS::Service" && r.physicalId).map((r) => serviceName(r.physicalId!));
    }
  }
  if (!cluster) return null;
  if (!services.length) services = (await listServices(region, cluster)).map(serviceName);
  return { cluster, services: [...new Set(services)] };
}

/** An ECS service's physical id is its ARN (arn:aws:ecs:region:account:service/cluster/name); we want the name. */
export function serviceName(reference: string): string {
  return reference.slice(reference.lastIndexOf("/") + 1);
}
