import { epochSeconds } from "../core/json-input.ts";
import { findTaskDefinition, type EcsRegionState, type TaskRecord } from "./state.ts";
import { taskId } from "./scheduler.ts";

export function taskToWire(state: EcsRegionState, task: TaskRecord) {
  const definition = findTaskDefinition(state, task.taskDefinitionArn)?.definition ?? {};
  const containers = (definition.containerDefinitions as Record<string, unknown>[] | undefined) ?? [];
  const seconds = (ms: number | undefined) => (ms === undefined ? undefined : epochSeconds(ms));
  const fargate = task.launchType === "FARGATE";
  return {
    taskArn: task.taskArn,
    clusterArn: task.clusterArn,
    taskDefinitionArn: task.taskDefinitionArn,
    group: `service:${task.serviceName}`,
    startedBy: task.deploymentId,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    launchType: task.launchType,
    ...(fargate ? { platformVersion: "1.4.0", platformFamily: "Linux" } : {}),
    cpu: definition.cpu,
    memory: definition.memory,
    availabilityZone: task.availabilityZone,
    connectivity: task.lastStatus === "RUNNING" ? "CONNECTED" : undefined,
    healthStatus: "UNKNOWN",
    createdAt: seconds(task.createdAt),
    startedAt: seconds(task.startedAt),
    stoppingAt: seconds(task.stoppingAt),
    stoppedAt: seconds(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stopCode: task.stopCode,
    version: 1,
    containers: containers.map((container) => ({
      containerArn: `${task.taskArn.replace(":task/", ":container/")}/${String(container.name)}`,
      taskArn: task.taskArn,
      name: container.name,
      image: container.image,
      lastStatus: task.lastStatus === "DEPROVISIONING" ? "STOPPED" : task.lastStatus,
      ...(task.lastStatus === "STOPPED" ? { exitCode: task.failsWith ? 1 : 0 } : {}),
      healthStatus: "UNKNOWN",
      cpu: container.cpu === undefined ? undefined : String(container.cpu),
      memory: container.memory === undefined ? undefined : String(container.memory),
    })),
    attachments: [],
    tags: [],
  };
}

export function taskById(state: EcsRegionState, reference: string): TaskRecord | undefined {
  const id = reference.slice(reference.lastIndexOf("/") + 1);
  return state.tasks[id];
}

export { taskId };
