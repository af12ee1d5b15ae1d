import type { Clock, StateStore } from "../core/contracts.ts";
import { ecsErrors, ecsInput } from "./errors.ts";
import { ecsArn, nameFromReference, type ClusterRecord, type EcsRegionState } from "./state.ts";

const CLUSTER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;

/** CreateCluster is idempotent for an existing ACTIVE cluster of the same name, as in ECS. */
export function createCluster(state: EcsRegionState, region: string, input: Record<string, unknown>, clock: Clock, store: StateStore): ClusterRecord {
  const reader = ecsInput(input);
  const name = reader.string("clusterName") ?? "default";
  if (!CLUSTER_NAME.test(name)) {
    throw ecsErrors.invalidParameter("Cluster name can have up to 255 letters, numbers, hyphens and underscores.");
  }
  const existing = state.clusters[name];
  if (existing?.status === "ACTIVE") return existing;
  const cluster: ClusterRecord = {
    clusterArn: ecsArn(state, region, `cluster/${name}`),
    clusterName: name,
    status: "ACTIVE",
    settings: (reader.objectList("settings") as ClusterRecord["settings"] | undefined) ?? [{ name: "containerInsights", value: "disabled" }],
    capacityProviders: reader.stringList("capacityProviders") ?? [],
    defaultCapacityProviderStrategy: reader.objectList("defaultCapacityProviderStrategy") ?? [],
    tags: (reader.objectList("tags") as ClusterRecord["tags"] | undefined) ?? [],
    createdAt: clock.now().getTime(),
  };
  state.clusters[name] = cluster;
  store.markDirty();
  return cluster;
}

export function deleteCluster(state: EcsRegionState, reference: string, store: StateStore): ClusterRecord {
  const cluster = state.clusters[nameFromReference(reference)];
  if (!cluster || cluster.status !== "ACTIVE") throw ecsErrors.clusterNotFound();
  const activeServices = Object.values(state.services[cluster.clusterName] ?? {}).filter((service) => service.status !== "INACTIVE");
  if (activeServices.length > 0) throw ecsErrors.clusterContainsServices();
  cluster.status = "INACTIVE";
  store.markDirty();
  return cluster;
}

export function clusterToWire(state: EcsRegionState, cluster: ClusterRecord, include: string[] = []) {
  const services = Object.values(state.services[cluster.clusterName] ?? {}).filter((service) => service.status === "ACTIVE");
  const tasks = Object.values(state.tasks).filter((task) => task.clusterArn === cluster.clusterArn && task.lastStatus !== "STOPPED");
  return {
    clusterArn: cluster.clusterArn,
    clusterName: cluster.clusterName,
    status: cluster.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: tasks.filter((task) => task.lastStatus === "RUNNING").length,
    pendingTasksCount: tasks.filter((task) => task.lastStatus !== "RUNNING").length,
    activeServicesCount: services.length,
    statistics: [],
    ...(include.includes("TAGS") ? { tags: cluster.tags } : {}),
    // As in ECS, settings (containerInsights) and tags come back only when asked for with `include`.
    ...(include.includes("SETTINGS") ? { settings: cluster.settings } : {}),
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
    attachments: [],
  };
}
