import { HOURS_PER_MONTH, priceKeys } from "../catalog.ts";
import { pricedLine, unpricedLine, unresolvedLine } from "../lines.ts";
import type { CostLine, ResolvedResource } from "../types.ts";
import { readNumber, readString, type Read } from "../values.ts";
import type { Pricer, PricingContext } from "./context.ts";

const DESCRIPTION = "Cache nodes";

/** AWS::ElastiCache::ReplicationGroup: node-hours × nodes. Nodes are NumCacheClusters for a non-clustered group,
 * or NumNodeGroups × (ReplicasPerNodeGroup + 1) (or NodeGroupConfiguration) for cluster mode. */
export const priceReplicationGroup: Pricer = (resource, context) => {
  const nodes = replicationGroupNodes(resource);
  if (nodes.kind === "unresolved") return [unresolvedLine(resource, DESCRIPTION, nodes.property, nodes.raw)];
  return nodeLines(resource, context, nodes.count, nodes.note);
};

/** AWS::ElastiCache::CacheCluster: node-hours × NumCacheNodes. */
export const priceCacheCluster: Pricer = (resource, context) => {
  const count = readNumber(resource.properties.NumCacheNodes);
  if (count.kind === "unresolved") return [unresolvedLine(resource, DESCRIPTION, "NumCacheNodes", count.raw)];
  return nodeLines(resource, context, count.kind === "value" ? count.value : 1);
};

type NodeCount = { kind: "count"; count: number; note?: string } | { kind: "unresolved"; property: string; raw: unknown };

function replicationGroupNodes(resource: ResolvedResource): NodeCount {
  const props = resource.properties;
  if (Array.isArray(props.NodeGroupConfiguration) && props.NumNodeGroups === undefined) {
    let count = 0;
    for (const group of props.NodeGroupConfiguration as Record<string, unknown>[]) {
      const replicas = readNumber(group?.ReplicaCount);
      if (replicas.kind === "unresolved") return { kind: "unresolved", property: "NodeGroupConfiguration.ReplicaCount", raw: replicas.raw };
      count += (replicas.kind === "value" ? replicas.value : 0) + 1;
    }
    return { kind: "count", count };
  }
  const groups = readNumber(props.NumNodeGroups);
  const replicas = readNumber(props.ReplicasPerNodeGroup);
  if (groups.kind === "unresolved") return { kind: "unresolved", property: "NumNodeGroups", raw: groups.raw };
  if (replicas.kind === "unresolved") return { kind: "unresolved", property: "ReplicasPerNodeGroup", raw: replicas.raw };
  if (groups.kind === "value" || replicas.kind === "value") {
    return { kind: "count", count: valueOr(groups, 1) * (valueOr(replicas, 0) + 1) };
  }
  const clusters = readNumber(props.NumCacheClusters);
  if (clusters.kind === "unresolved") return { kind: "unresolved", property: "NumCacheClusters", raw: clusters.raw };
  if (clusters.kind === "absent") return { kind: "count", count: 1, note: "NumCacheClusters not set; counted as 1 node" };
  return { kind: "count", count: clusters.value };
}

function nodeLines(resource: ResolvedResource, context: PricingContext, count: number, note?: string): CostLine[] {
  const engine = readString(resource.properties.Engine);
  if (engine.kind === "unresolved") return [unresolvedLine(resource, DESCRIPTION, "Engine", engine.raw)];
  // Redis OSS and Memcached nodes share a price; Valkey is priced lower and is not in the catalog yet.
  const engineName = engine.kind === "value" ? engine.value.toLowerCase() : "redis";
  if (engineName !== "redis" && engineName !== "memcached") {
    return [unpricedLine(resource, `${DESCRIPTION} (${engineName})`, `engine ${engineName} is not in the price catalog`)];
  }
  const nodeType = readString(resource.properties.CacheNodeType);
  if (nodeType.kind === "unresolved") return [unresolvedLine(resource, DESCRIPTION, "CacheNodeType", nodeType.raw)];
  if (nodeType.kind === "absent") return [unpricedLine(resource, DESCRIPTION, "CacheNodeType is not set")];
  return [
    pricedLine(resource, context.catalog, {
      description: `${count} × ${nodeType.value} (${engineName})`,
      quantity: count * HOURS_PER_MONTH,
      unit: "node-hours",
      priceKey: priceKeys.cacheNode(nodeType.value),
      kind: "fixed",
      ...(note ? { note } : {}),
    }),
  ];
}

function valueOr(read: Read<number>, fallback: number): number {
  return read.kind === "value" ? read.value : fallback;
}
