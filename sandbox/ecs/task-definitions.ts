import type { Clock, StateStore } from "../core/contracts.ts";
import { epochSeconds } from "../core/json-input.ts";
import { ecsErrors, ecsInput } from "./errors.ts";
import { ecsArn, findTaskDefinition, type EcsRegionState, type TaskDefinitionRecord } from "./state.ts";

const FAMILY = /^[a-zA-Z0-9_-]{1,255}$/;

export function registerTaskDefinition(state: EcsRegionState, region: string, input: Record<string, unknown>, clock: Clock, store: StateStore): TaskDefinitionRecord {
  const reader = ecsInput(input);
  const family = reader.requiredString("family");
  if (!FAMILY.test(family)) {
    throw ecsErrors.client("Family contains invalid characters; up to 255 letters, numbers, hyphens and underscores are allowed.");
  }
  const containers = reader.objectList("containerDefinitions");
  if (!containers || containers.length === 0) throw ecsErrors.client("Container list cannot be empty.");
  for (const container of containers) {
    if (typeof container.name !== "string" || typeof container.image !== "string") {
      throw ecsErrors.client("Container.name and Container.image should not be null or empty.");
    }
  }
  const compatibilities = reader.stringList("requiresCompatibilities") ?? [];
  if (compatibilities.includes("FARGATE") && (!reader.has("cpu") || !reader.has("memory"))) {
    throw ecsErrors.client("Fargate requires that 'cpu' and 'memory' be defined at the task level.");
  }
  const revisions = (state.taskDefinitions[family] ??= []);
  const revision = (revisions.at(-1)?.revision ?? 0) + 1;
  const { tags, ...definition } = input;
  const record: TaskDefinitionRecord = {
    taskDefinitionArn: ecsArn(state, region, `task-definition/${family}:${revision}`),
    family,
    revision,
    status: "ACTIVE",
    registeredAt: clock.now().getTime(),
    definition,
    tags: (tags as TaskDefinitionRecord["tags"] | undefined) ?? [],
  };
  revisions.push(record);
  store.markDirty();
  return record;
}

export function deregisterTaskDefinition(state: EcsRegionState, reference: string, clock: Clock, store: StateStore): TaskDefinitionRecord {
  const record = reference.includes(":") || reference.startsWith("arn:") ? findTaskDefinition(state, reference) : undefined;
  if (!record) throw ecsErrors.client("The specified task definition does not exist.");
  record.status = "INACTIVE";
  record.deregisteredAt = clock.now().getTime();
  store.markDirty();
  return record;
}

export function describeTaskDefinition(state: EcsRegionState, reference: string) {
  const record = findTaskDefinition(state, reference);
  if (!record) throw ecsErrors.client("Unable to describe task definition.");
  return record;
}

export function taskDefinitionToWire(record: TaskDefinitionRecord) {
  const definition = record.definition;
  const compatibilities = (definition.requiresCompatibilities as string[] | undefined) ?? [];
  return {
    ...definition,
    taskDefinitionArn: record.taskDefinitionArn,
    family: record.family,
    revision: record.revision,
    status: record.status,
    networkMode: definition.networkMode ?? (compatibilities.includes("FARGATE") ? "awsvpc" : "bridge"),
    volumes: definition.volumes ?? [],
    placementConstraints: definition.placementConstraints ?? [],
    compatibilities: compatibilities.includes("FARGATE") ? ["EC2", "FARGATE"] : ["EC2"],
    requiresAttributes: [],
    registeredAt: epochSeconds(record.registeredAt),
    registeredBy: `arn:aws:iam::000000000000:root`,
    ...(record.deregisteredAt ? { deregisteredAt: epochSeconds(record.deregisteredAt) } : {}),
  };
}

/** The task definition's SANDBOX_FAULT environment value, if any: its tasks stop with that reason. */
export function sandboxFaultOf(record: TaskDefinitionRecord | undefined): string | undefined {
  const containers = (record?.definition.containerDefinitions as Record<string, unknown>[] | undefined) ?? [];
  for (const container of containers) {
    const environment = (container.environment as { name?: string; value?: string }[] | undefined) ?? [];
    const fault = environment.find((entry) => entry.name === "SANDBOX_FAULT");
    if (fault) return fault.value || "Essential container in task exited";
  }
  return undefined;
}
