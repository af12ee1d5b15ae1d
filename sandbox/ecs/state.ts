import { randomBytes, randomUUID } from "node:crypto";
import { ACCOUNT_ID, type StateStore } from "../core/contracts.ts";
import { ecsErrors } from "./errors.ts";

// ECS state per region. Times are epoch milliseconds; the wire format converts them to epoch seconds.

export interface ClusterRecord {
  clusterArn: string;
  clusterName: string;
  status: "ACTIVE" | "INACTIVE";
  settings: { name: string; value: string }[];
  capacityProviders: string[];
  defaultCapacityProviderStrategy: unknown[];
  tags: { key: string; value: string }[];
  createdAt: number;
}

export interface TaskDefinitionRecord {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  status: "ACTIVE" | "INACTIVE";
  registeredAt: number;
  deregisteredAt?: number;
  /** The RegisterTaskDefinition input, echoed back by DescribeTaskDefinition. */
  definition: Record<string, unknown>;
  tags: { key: string; value: string }[];
}

export interface DeploymentRecord {
  id: string;
  status: "PRIMARY" | "ACTIVE" | "INACTIVE";
  taskDefinition: string;
  desiredCount: number;
  failedTasks: number;
  createdAt: number;
  updatedAt: number;
  rolloutState: "IN_PROGRESS" | "COMPLETED" | "FAILED";
  rolloutStateReason: string;
  /** Scheduler ticks since the deployment became INACTIVE (it is dropped from the list after a while). */
  inactiveTicks?: number;
}

export interface ServiceEvent {
  id: string;
  createdAt: number;
  message: string;
}

export interface ServiceRecord {
  serviceArn: string;
  serviceName: string;
  clusterArn: string;
  status: "ACTIVE" | "DRAINING" | "INACTIVE";
  desiredCount: number;
  taskDefinition: string;
  launchType?: string;
  createdAt: number;
  /** The CreateService input (network configuration, load balancers, ...), echoed back. */
  config: Record<string, unknown>;
  deployments: DeploymentRecord[];
  events: ServiceEvent[];
  /** True once the "steady state" event was written for the current situation. */
  steady: boolean;
  tags: { key: string; value: string }[];
}

export interface TaskRecord {
  taskArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  serviceName: string;
  deploymentId: string;
  lastStatus: "PROVISIONING" | "PENDING" | "RUNNING" | "DEPROVISIONING" | "STOPPED";
  desiredStatus: "RUNNING" | "STOPPED";
  launchType?: string;
  createdAt: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  stopCode?: string;
  /** Set when the task definition carries a SANDBOX_FAULT: the task stops instead of reaching RUNNING. */
  failsWith?: string;
  stoppedTicks?: number;
  availabilityZone: string;
}

export interface EcsRegionState {
  clusters: Record<string, ClusterRecord>;
  taskDefinitions: Record<string, TaskDefinitionRecord[]>;
  /** cluster name -> service name -> service. */
  services: Record<string, Record<string, ServiceRecord>>;
  tasks: Record<string, TaskRecord>;
  /** The account this state belongs to (ARNs name it); absent in state files older than accounts: the default. */
  accountId?: string;
}

export function ecsStateAccessor(store: StateStore, accountId = ACCOUNT_ID) {
  const state = store.slice<{ regions: Record<string, EcsRegionState> }>("ecs", () => ({ regions: {} }));
  return {
    regionState: (region: string): EcsRegionState =>
      (state.regions[region] ??= { clusters: {}, taskDefinitions: {}, services: {}, tasks: {}, accountId }),
    allRegions: () => Object.entries(state.regions),
  };
}

export const ecsArn = (state: EcsRegionState, region: string, resource: string) => `arn:aws:ecs:${region}:${state.accountId ?? ACCOUNT_ID}:${resource}`;

/** The last path segment of an ARN, or the name itself. */
export function nameFromReference(reference: string): string {
  return reference.startsWith("arn:") ? reference.slice(reference.lastIndexOf("/") + 1) : reference;
}

export function findCluster(state: EcsRegionState, reference: string | undefined): ClusterRecord {
  const cluster = state.clusters[nameFromReference(reference ?? "default")];
  if (!cluster || cluster.status !== "ACTIVE") throw ecsErrors.clusterNotFound();
  return cluster;
}

export function findService(state: EcsRegionState, cluster: ClusterRecord, reference: string): ServiceRecord {
  const service = state.services[cluster.clusterName]?.[nameFromReference(reference)];
  if (!service || service.status === "INACTIVE") throw ecsErrors.serviceNotFound();
  return service;
}

/** `family`, `family:revision` or a full ARN; a bare family means its latest ACTIVE revision. */
export function findTaskDefinition(state: EcsRegionState, reference: string): TaskDefinitionRecord | undefined {
  const short = reference.startsWith("arn:") ? reference.slice(reference.indexOf("/") + 1) : reference;
  const [family, revision] = short.split(":");
  const revisions = state.taskDefinitions[family] ?? [];
  if (revision !== undefined) return revisions.find((record) => record.revision === Number(revision));
  return [...revisions].reverse().find((record) => record.status === "ACTIVE");
}

/** ECS id formats: 32 hex digits for tasks, `ecs-svc/` + 19 digits for deployments, UUIDs for events. */
export function newId(kind: "task" | "deployment" | "event"): string {
  if (kind === "task") return randomBytes(16).toString("hex");
  if (kind === "event") return randomUUID();
  return `ecs-svc/${BigInt(`0x${randomBytes(8).toString("hex")}`).toString().padStart(20, "0").slice(-19)}`;
}
