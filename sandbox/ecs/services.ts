import type { Clock, StateStore } from "../core/contracts.ts";
import { epochSeconds } from "../core/json-input.ts";
import { ecsErrors, ecsInput } from "./errors.ts";
import {
  ecsArn, findCluster, findService, findTaskDefinition, newId,
  type DeploymentRecord, type EcsRegionState, type ServiceRecord, type TaskRecord,
} from "./state.ts";

const SERVICE_NAME = /^[a-zA-Z0-9_-]{1,255}$/;

export function newDeployment(taskDefinition: string, desiredCount: number, now: number): DeploymentRecord {
  const id = newId("deployment");
  return {
    id, status: "PRIMARY", taskDefinition, desiredCount, failedTasks: 0, createdAt: now, updatedAt: now,
    rolloutState: "IN_PROGRESS", rolloutStateReason: `ECS deployment ${id} in progress.`,
  };
}

export function addEvent(service: ServiceRecord, message: string, now: number): void {
  service.events.unshift({ id: newId("event"), createdAt: now, message: `(service ${service.serviceName}) ${message}` });
  // DescribeServices returns the 100 most recent events.
  service.events.length = Math.min(service.events.length, 100);
}

function resolveTaskDefinitionArn(state: EcsRegionState, reference: string | undefined): string {
  if (!reference) throw ecsErrors.invalidParameter("TaskDefinition can not be blank.");
  const record = findTaskDefinition(state, reference);
  if (!record || record.status !== "ACTIVE") throw ecsErrors.invalidParameter("TaskDefinition not found.");
  return record.taskDefinitionArn;
}

export function createService(state: EcsRegionState, region: string, input: Record<string, unknown>, clock: Clock, store: StateStore): ServiceRecord {
  const reader = ecsInput(input);
  const name = reader.requiredString("serviceName");
  if (!SERVICE_NAME.test(name)) throw ecsErrors.invalidParameter("Service name can have up to 255 letters, numbers, hyphens and underscores.");
  const cluster = findCluster(state, reader.string("cluster"));
  const services = (state.services[cluster.clusterName] ??= {});
  if (services[name] && services[name].status !== "INACTIVE") throw ecsErrors.invalidParameter("Creation of service was not idempotent.");
  const taskDefinition = resolveTaskDefinitionArn(state, reader.string("taskDefinition"));
  const desiredCount = reader.integer("desiredCount", 0, 100_000) ?? 1;
  const now = clock.now().getTime();
  const { tags, cluster: _cluster, serviceName: _name, taskDefinition: _td, desiredCount: _dc, clientToken: _token, ...config } = input;
  const service: ServiceRecord = {
    serviceArn: ecsArn(state, region, `service/${cluster.clusterName}/${name}`),
    serviceName: name,
    clusterArn: cluster.clusterArn,
    status: "ACTIVE",
    desiredCount,
    taskDefinition,
    launchType: reader.string("launchType") ?? (reader.has("capacityProviderStrategy") ? undefined : "EC2"),
    createdAt: now,
    config,
    deployments: [newDeployment(taskDefinition, desiredCount, now)],
    events: [],
    steady: false,
    tags: (tags as ServiceRecord["tags"] | undefined) ?? [],
  };
  services[name] = service;
  store.markDirty();
  return service;
}

/** A new task definition (or forceNewDeployment) starts a new PRIMARY deployment; the old one drains. */
export function updateService(state: EcsRegionState, input: Record<string, unknown>, clock: Clock, store: StateStore): ServiceRecord {
  const reader = ecsInput(input);
  const cluster = findCluster(state, reader.string("cluster"));
  const service = findService(state, cluster, reader.requiredString("service"));
  if (service.status !== "ACTIVE") throw ecsErrors.serviceNotActive();
  const now = clock.now().getTime();
  const desiredCount = reader.integer("desiredCount", 0, 100_000);
  const requested = reader.string("taskDefinition");
  const taskDefinition = requested ? resolveTaskDefinitionArn(state, requested) : service.taskDefinition;
  for (const key of ["deploymentConfiguration", "networkConfiguration", "healthCheckGracePeriodSeconds", "loadBalancers", "enableExecuteCommand", "propagateTags", "enableECSManagedTags"]) {
    if (input[key] !== undefined) service.config[key] = input[key];
  }
  if (desiredCount !== undefined) service.desiredCount = desiredCount;
  const primary = service.deployments[0];
  if (taskDefinition !== service.taskDefinition || reader.boolean("forceNewDeployment")) {
    for (const deployment of service.deployments) if (deployment.status === "PRIMARY") deployment.status = "ACTIVE";
    service.taskDefinition = taskDefinition;
    service.deployments.unshift(newDeployment(taskDefinition, service.desiredCount, now));
  } else if (primary) {
    primary.desiredCount = service.desiredCount;
    primary.updatedAt = now;
  }
  service.steady = false;
  store.markDirty();
  return service;
}

/** DeleteService: the service drains (DRAINING) and becomes INACTIVE once its tasks have stopped. */
export function deleteService(state: EcsRegionState, clusterRef: string | undefined, serviceRef: string, force: boolean, store: StateStore): ServiceRecord {
  const cluster = findCluster(state, clusterRef);
  const service = findService(state, cluster, serviceRef);
  if (service.status === "DRAINING") return service;
  if (!force && service.desiredCount > 0) throw ecsErrors.invalidParameter("The service cannot be stopped while it is scaled above 0.");
  service.status = "DRAINING";
  service.desiredCount = 0;
  for (const deployment of service.deployments) deployment.desiredCount = 0;
  service.steady = false;
  store.markDirty();
  return service;
}

export function serviceTasks(state: EcsRegionState, service: ServiceRecord): TaskRecord[] {
  return Object.values(state.tasks).filter((task) => task.clusterArn === service.clusterArn && task.serviceName === service.serviceName);
}

export function serviceToWire(state: EcsRegionState, service: ServiceRecord, includeTags = false) {
  const tasks = serviceTasks(state, service).filter((task) => task.desiredStatus === "RUNNING");
  const counts = (deploymentId?: string) => {
    const own = deploymentId ? tasks.filter((task) => task.deploymentId === deploymentId) : tasks;
    return {
      runningCount: own.filter((task) => task.lastStatus === "RUNNING").length,
      pendingCount: own.filter((task) => task.lastStatus !== "RUNNING").length,
    };
  };
  const config = service.config;
  const platformVersion = service.launchType === "FARGATE" ? "LATEST" : undefined;
  return {
    ...config,
    serviceArn: service.serviceArn,
    serviceName: service.serviceName,
    clusterArn: service.clusterArn,
    status: service.status,
    desiredCount: service.desiredCount,
    ...counts(),
    launchType: service.launchType,
    platformVersion,
    taskDefinition: service.taskDefinition,
    loadBalancers: config.loadBalancers ?? [],
    serviceRegistries: config.serviceRegistries ?? [],
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: false, rollback: false },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      ...(config.deploymentConfiguration as object | undefined),
    },
    deployments: service.deployments.map(({ inactiveTicks: _ticks, ...deployment }) => ({
      ...deployment,
      ...counts(deployment.id),
      createdAt: epochSeconds(deployment.createdAt),
      updatedAt: epochSeconds(deployment.updatedAt),
      launchType: service.launchType,
      platformVersion,
      networkConfiguration: config.networkConfiguration,
    })),
    events: service.events.map((event) => ({ ...event, createdAt: epochSeconds(event.createdAt) })),
    createdAt: epochSeconds(service.createdAt),
    createdBy: "arn:aws:iam::000000000000:root",
    placementConstraints: config.placementConstraints ?? [],
    placementStrategy: config.placementStrategy ?? [],
    schedulingStrategy: config.schedulingStrategy ?? "REPLICA",
    deploymentController: config.deploymentController ?? { type: "ECS" },
    enableECSManagedTags: config.enableECSManagedTags ?? false,
    propagateTags: config.propagateTags ?? "NONE",
    enableExecuteCommand: config.enableExecuteCommand ?? false,
    ...(includeTags ? { tags: service.tags } : {}),
  };
}
