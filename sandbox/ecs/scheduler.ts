import { sandboxFaultOf } from "./task-definitions.ts";
import { addEvent, newDeployment, serviceTasks } from "./services.ts";
import { ecsArn, findTaskDefinition, newId, type DeploymentRecord, type EcsRegionState, type ServiceRecord, type TaskRecord } from "./state.ts";

/** ECS's service scheduler acts every few seconds; the sandbox moves every task one lifecycle step per tick. */
export const SCHEDULER_TICK_MS = 20_000;
/** Stopped tasks stay visible for about an hour in ECS: 180 ticks of 20 s. */
const STOPPED_TASK_TICKS = 180;
const INACTIVE_DEPLOYMENT_TICKS = 20;
const ZONES = ["a", "b", "c"];

interface DeploymentSettings {
  maximumPercent: number;
  minimumHealthyPercent: number;
  circuitBreaker: boolean;
  rollback: boolean;
}

function settingsOf(service: ServiceRecord): DeploymentSettings {
  const config = (service.config.deploymentConfiguration ?? {}) as Record<string, unknown>;
  const breaker = (config.deploymentCircuitBreaker ?? {}) as Record<string, unknown>;
  return {
    maximumPercent: typeof config.maximumPercent === "number" ? config.maximumPercent : 200,
    minimumHealthyPercent: typeof config.minimumHealthyPercent === "number" ? config.minimumHealthyPercent : 100,
    circuitBreaker: breaker.enable === true,
    rollback: breaker.rollback === true,
  };
}

/** One scheduler step for every service in the region; returns whether anything changed. */
export function schedulerTick(state: EcsRegionState, region: string, now: number): boolean {
  let changed = false;
  for (const task of Object.values(state.tasks)) changed = advanceTask(state, task, now) || changed;
  for (const services of Object.values(state.services)) {
    for (const service of Object.values(services)) {
      if (service.status !== "INACTIVE") changed = reconcile(state, region, service, now) || changed;
    }
  }
  return changed;
}

function advanceTask(state: EcsRegionState, task: TaskRecord, now: number): boolean {
  if (task.lastStatus === "STOPPED") {
    task.stoppedTicks = (task.stoppedTicks ?? 0) + 1;
    if (task.stoppedTicks > STOPPED_TASK_TICKS) delete state.tasks[task.taskArn.slice(task.taskArn.lastIndexOf("/") + 1)];
    return true;
  }
  if (task.desiredStatus === "STOPPED") {
    if (task.lastStatus === "DEPROVISIONING" || task.lastStatus === "PROVISIONING") {
      Object.assign(task, { lastStatus: "STOPPED", stoppedAt: now });
    } else {
      Object.assign(task, { lastStatus: "DEPROVISIONING", stoppingAt: now });
    }
    return true;
  }
  if (task.lastStatus === "PROVISIONING") task.lastStatus = "PENDING";
  else if (task.lastStatus === "PENDING" && task.failsWith) {
    Object.assign(task, { lastStatus: "STOPPED", desiredStatus: "STOPPED", stoppingAt: now, stoppedAt: now, stoppedReason: task.failsWith, stopCode: "EssentialContainerExited" });
  } else if (task.lastStatus === "PENDING") Object.assign(task, { lastStatus: "RUNNING", startedAt: now });
  else return false;
  return true;
}

function reconcile(state: EcsRegionState, region: string, service: ServiceRecord, now: number): boolean {
  const settings = settingsOf(service);
  const tasks = serviceTasks(state, service);
  const live = (deployment?: DeploymentRecord) =>
    tasks.filter((task) => task.desiredStatus === "RUNNING" && (!deployment || task.deploymentId === deployment.id));
  const running = (deployment?: DeploymentRecord) => live(deployment).filter((task) => task.lastStatus === "RUNNING");
  const primary = service.deployments.find((deployment) => deployment.status === "PRIMARY");
  const olds = service.deployments.filter((deployment) => deployment.status === "ACTIVE");
  let changed = false;

  if (service.status === "DRAINING") {
    const stopping = live();
    stopTasks(service, stopping, "Service is being deleted", now);
    if (tasks.every((task) => task.lastStatus === "STOPPED")) service.status = "INACTIVE";
    return stopping.length > 0 || service.status === "INACTIVE";
  }
  if (!primary) return false;

  // Failed tasks are counted once, when they stop on their own (the circuit breaker watches this count).
  for (const task of tasks) {
    if (task.failsWith && task.lastStatus === "STOPPED" && task.stoppedTicks === undefined) {
      const owner = service.deployments.find((deployment) => deployment.id === task.deploymentId);
      if (owner) owner.failedTasks += 1;
      task.stoppedTicks = 0;
      addEvent(service, `has stopped 1 running tasks: (task ${taskId(task)}).`, now);
      changed = true;
    }
  }
  const threshold = Math.max(3, Math.min(200, Math.ceil(primary.desiredCount * 0.5)));
  if (settings.circuitBreaker && primary.rolloutState === "IN_PROGRESS" && primary.failedTasks >= threshold) {
    failDeployment(service, primary, settings.rollback, now);
    return true;
  }

  const desired = primary.desiredCount;
  const maxTotal = Math.max(Math.floor((settings.maximumPercent * desired) / 100), desired);
  const minHealthy = Math.ceil((settings.minimumHealthyPercent * desired) / 100);
  const primaryLive = live(primary);
  if (primaryLive.length > desired) {
    const excess = [...primaryLive].sort((a, b) => Number(a.lastStatus === "RUNNING") - Number(b.lastStatus === "RUNNING")).slice(0, primaryLive.length - desired);
    changed = stopTasks(service, excess, "Scaling activity initiated by (deployment " + primary.id + ")", now) || changed;
  }
  const toStart = Math.min(desired - primaryLive.length, maxTotal - live().length);
  if (toStart > 0 && primary.rolloutState !== "FAILED") {
    const started = Array.from({ length: toStart }, () => launchTask(state, region, service, primary, now));
    addEvent(service, `has started ${started.length} tasks: ${started.map((task) => `(task ${taskId(task)})`).join(" ")}.`, now);
    changed = true;
  }
  let stoppable = running().length - minHealthy;
  for (const old of olds) {
    const oldLive = live(old);
    const notRunning = oldLive.filter((task) => task.lastStatus !== "RUNNING");
    const oldRunning = oldLive.filter((task) => task.lastStatus === "RUNNING").slice(0, Math.max(0, stoppable));
    stoppable -= oldRunning.length;
    changed = stopTasks(service, [...notRunning, ...oldRunning], `Task stopped by (deployment ${primary.id})`, now) || changed;
    old.desiredCount = live(old).length;
    if (old.desiredCount === 0) Object.assign(old, { status: "INACTIVE", updatedAt: now, inactiveTicks: 0 });
  }
  for (const inactive of service.deployments.filter((deployment) => deployment.status === "INACTIVE")) {
    inactive.inactiveTicks = (inactive.inactiveTicks ?? 0) + 1;
  }
  service.deployments = service.deployments.filter((deployment) => (deployment.inactiveTicks ?? 0) <= INACTIVE_DEPLOYMENT_TICKS);

  const settled = running(primary).length === desired && live(primary).length === desired &&
    !service.deployments.some((deployment) => deployment.status === "ACTIVE");
  if (settled && primary.rolloutState === "IN_PROGRESS") {
    Object.assign(primary, { rolloutState: "COMPLETED", rolloutStateReason: `ECS deployment ${primary.id} completed.`, updatedAt: now });
    addEvent(service, `(deployment ${primary.id}) deployment completed.`, now);
    changed = true;
  }
  if (settled && !service.steady) {
    service.steady = true;
    addEvent(service, "has reached a steady state.", now);
    changed = true;
  }
  return changed;
}

/** Circuit breaker: FAILED, and with rollback a new PRIMARY deployment of the last good task definition. */
function failDeployment(service: ServiceRecord, primary: DeploymentRecord, rollback: boolean, now: number): void {
  Object.assign(primary, { rolloutState: "FAILED", rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start.", updatedAt: now });
  service.steady = false;
  const previous = service.deployments.find((deployment) => deployment !== primary && deployment.taskDefinition !== primary.taskDefinition);
  if (!rollback || !previous) return;
  primary.status = "ACTIVE";
  const rolledBack = newDeployment(previous.taskDefinition, primary.desiredCount, now);
  service.taskDefinition = previous.taskDefinition;
  service.deployments.unshift(rolledBack);
  addEvent(service, `(deployment ${primary.id}) deployment failed: tasks failed to start. Rolling back to deployment ${rolledBack.id}.`, now);
}

function launchTask(state: EcsRegionState, region: string, service: ServiceRecord, deployment: DeploymentRecord, now: number): TaskRecord {
  const id = newId("task");
  const clusterName = service.clusterArn.slice(service.clusterArn.lastIndexOf("/") + 1);
  const task: TaskRecord = {
    taskArn: ecsArn(state, region, `task/${clusterName}/${id}`),
    clusterArn: service.clusterArn,
    taskDefinitionArn: deployment.taskDefinition,
    serviceName: service.serviceName,
    deploymentId: deployment.id,
    lastStatus: "PROVISIONING",
    desiredStatus: "RUNNING",
    launchType: service.launchType,
    createdAt: now,
    failsWith: sandboxFaultOf(findTaskDefinition(state, deployment.taskDefinition)),
    availabilityZone: `${region}${ZONES[parseInt(id.slice(0, 2), 16) % ZONES.length]}`,
  };
  state.tasks[id] = task;
  return task;
}

function stopTasks(service: ServiceRecord, tasks: TaskRecord[], reason: string, now: number): boolean {
  if (tasks.length === 0) return false;
  for (const task of tasks) Object.assign(task, { desiredStatus: "STOPPED", stoppedReason: reason, stopCode: "ServiceSchedulerInitiated", stoppingAt: now });
  const running = tasks.filter((task) => task.lastStatus === "RUNNING");
  if (running.length > 0) addEvent(service, `has stopped ${running.length} running tasks: ${running.map((task) => `(task ${taskId(task)})`).join(" ")}.`, now);
  return true;
}

export function taskId(task: TaskRecord): string {
  return task.taskArn.slice(task.taskArn.lastIndexOf("/") + 1);
}
