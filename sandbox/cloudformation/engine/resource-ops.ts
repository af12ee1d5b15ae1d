// One resource's create, in-place update, replacement and delete, each with the events AWS emits and the
// simulated duration of its type. Every function returns false when the resource failed.
import { AwsError } from "../../core/contracts.ts";
import { provisionerFor } from "../provisioners/index.ts";
import { publishedMetrics } from "../provisioners/metrics.ts";
import { customNameProperty } from "../spec.ts";
import type { PhysicalResource, ResourceRecord } from "../state/types.ts";
import type { ResourceDefinition } from "../template/types.ts";
import { resolveDynamicReferences } from "../template/dynamic-references.ts";
import { setResourceStatus } from "./events.ts";
import { injectedFault, provisionContext, wait, withSpecAttributes, type Operation } from "./operation.ts";

type Props = Record<string, unknown>;

const DELETE_ATTEMPTS = 60;
const DELETE_RETRY_MS = 10_000;

/** The properties the resource handler gets: dynamic references resolved (the stack keeps them unresolved). */
function handlerProps(op: Operation, props: Props): Props {
  return resolveDynamicReferences(props, { ssmParameters: op.region.ssmParameters, secrets: (op.region.secrets ??= {}) }) as Props;
}

function instantiate(op: Operation, logicalId: string, definition: ResourceDefinition, props: Props): PhysicalResource {
  const created = provisionerFor(definition.Type).create(provisionContext(op, logicalId), handlerProps(op, props));
  const physical = { physicalId: created.physicalId, attributes: withSpecAttributes(definition.Type, created.physicalId, created.attributes), properties: props, definition };
  // From now on the resource exists and publishes its metrics, until it is deleted (a retained one goes on).
  op.deps.cloudwatch.emitMetrics(op.stack.region, publishedMetrics(definition.Type, physical), true);
  return physical;
}

function handlerError(error: unknown): string {
  return error instanceof AwsError ? error.message : `Resource handler returned message: "${error instanceof Error ? error.message : String(error)}"`;
}

export async function createResource(op: Operation, logicalId: string, definition: ResourceDefinition, props: Props): Promise<boolean> {
  const { store, stack } = op;
  let record = stack.resources[logicalId];
  const resuming = record?.status === "CREATE_IN_PROGRESS";
  if (!resuming) {
    record = { logicalId, type: definition.Type, status: "CREATE_IN_PROGRESS", lastUpdated: store.now() };
    stack.resources[logicalId] = record;
    if (stack.operation?.kind === "UPDATE") record.change = "created";
    setResourceStatus(store, stack, record, "CREATE_IN_PROGRESS", { physicalId: "" });
  }
  if (!record.current) {
    try {
      record.current = instantiate(op, logicalId, definition, props);
    } catch (error) {
      setResourceStatus(store, stack, record, "CREATE_FAILED", { reason: handlerError(error), physicalId: "" });
      return false;
    }
    setResourceStatus(store, stack, record, "CREATE_IN_PROGRESS", { reason: "Resource creation Initiated" });
  }
  if (!(await wait(op, provisionerFor(definition.Type).durations.create))) {
    setResourceStatus(store, stack, record, "CREATE_FAILED", { reason: "Resource creation cancelled" });
    return false;
  }
  const fault = injectedFault(definition, "Create");
  if (fault) {
    setResourceStatus(store, stack, record, "CREATE_FAILED", { reason: fault });
    return false;
  }
  setResourceStatus(store, stack, record, "CREATE_COMPLETE");
  return true;
}

/** Applies `definition`/`props` to the existing physical resource (also used to roll an update back). */
export async function updateInPlace(op: Operation, record: ResourceRecord, definition: ResourceDefinition, props: Props): Promise<boolean> {
  const { store, stack } = op;
  const current = record.current!;
  if (record.status !== "UPDATE_IN_PROGRESS") setResourceStatus(store, stack, record, "UPDATE_IN_PROGRESS");
  const provisioner = provisionerFor(record.type);
  if (!(await wait(op, provisioner.durations.update))) {
    setResourceStatus(store, stack, record, "UPDATE_FAILED", { reason: "Resource update cancelled" });
    return false;
  }
  const fault = injectedFault(definition, "Update");
  if (fault) {
    setResourceStatus(store, stack, record, "UPDATE_FAILED", { reason: fault });
    return false;
  }
  try {
    const attributes = provisioner.update?.(provisionContext(op, record.logicalId), handlerProps(op, props), current) ?? current.attributes;
    // The update applies the template's values, so whatever was changed out of band is overwritten.
    record.current = { ...current, attributes: withSpecAttributes(record.type, current.physicalId, attributes), properties: props, definition, outOfBand: undefined };
    // An update may change what it publishes (a listener forwarding to another target group).
    op.deps.cloudwatch.emitMetrics(stack.region, publishedMetrics(record.type, current), false);
    op.deps.cloudwatch.emitMetrics(stack.region, publishedMetrics(record.type, record.current), true);
  } catch (error) {
    setResourceStatus(store, stack, record, "UPDATE_FAILED", { reason: handlerError(error) });
    return false;
  }
  setResourceStatus(store, stack, record, "UPDATE_COMPLETE");
  return true;
}

/** Creates the replacement first; the old physical resource stays in `previous` until cleanup (or rollback). */
export async function replaceResource(op: Operation, record: ResourceRecord, definition: ResourceDefinition, props: Props): Promise<boolean> {
  const { store, stack } = op;
  if (record.change !== "replaced") {
    record.previous = record.current;
    record.current = undefined;
    record.change = "replaced";
    setResourceStatus(store, stack, record, "UPDATE_IN_PROGRESS", {
      reason: "Requested update requires the creation of a new physical resource; hence creating one.",
      physicalId: record.previous?.physicalId,
    });
  }
  const nameProperty = customNameProperty(record.type);
  if (nameProperty && props[nameProperty] !== undefined && record.previous?.properties[nameProperty] === props[nameProperty]) {
    setResourceStatus(store, stack, record, "UPDATE_FAILED", {
      reason: `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${String(props[nameProperty])} and update the stack again.`,
      physicalId: record.previous?.physicalId,
    });
    return false;
  }
  if (!record.current) {
    try {
      record.current = instantiate(op, record.logicalId, definition, props);
    } catch (error) {
      setResourceStatus(store, stack, record, "UPDATE_FAILED", { reason: handlerError(error), physicalId: record.previous?.physicalId });
      return false;
    }
    setResourceStatus(store, stack, record, "UPDATE_IN_PROGRESS", { reason: "Resource creation Initiated" });
  }
  if (!(await wait(op, provisionerFor(record.type).durations.create))) {
    setResourceStatus(store, stack, record, "UPDATE_FAILED", { reason: "Resource creation cancelled" });
    return false;
  }
  const fault = injectedFault(definition, "Update");
  if (fault) {
    setResourceStatus(store, stack, record, "UPDATE_FAILED", { reason: fault });
    return false;
  }
  setResourceStatus(store, stack, record, "UPDATE_COMPLETE");
  return true;
}

/** Deletes one physical resource (or skips it under a Retain policy). Deletions are never aborted. */
export async function deletePhysical(op: Operation, record: ResourceRecord, physical: PhysicalResource, policy: string | undefined): Promise<boolean> {
  const { store, stack } = op;
  if (policy === "Retain" || policy === "RetainExceptOnCreate") {
    setResourceStatus(store, stack, record, "DELETE_SKIPPED", { physicalId: physical.physicalId });
    return true;
  }
  setResourceStatus(store, stack, record, "DELETE_IN_PROGRESS", { physicalId: physical.physicalId });
  const provisioner = provisionerFor(record.type);
  await op.deps.clock.delay(provisioner.durations.delete);
  const fault = injectedFault(physical.definition, "Delete");
  if (fault) {
    setResourceStatus(store, stack, record, "DELETE_FAILED", { reason: fault, physicalId: physical.physicalId });
    return false;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      provisioner.delete?.(provisionContext(op, record.logicalId), physical);
      break;
    } catch (error) {
      const retryable = error instanceof AwsError && provisioner.retryDeleteOn?.includes(error.code);
      if (retryable && attempt < DELETE_ATTEMPTS) {
        await op.deps.clock.delay(DELETE_RETRY_MS);
        continue;
      }
      setResourceStatus(store, stack, record, "DELETE_FAILED", { reason: handlerError(error), physicalId: physical.physicalId });
      return false;
    }
  }
  op.deps.cloudwatch.emitMetrics(stack.region, publishedMetrics(record.type, physical), false);
  setResourceStatus(store, stack, record, "DELETE_COMPLETE", { physicalId: physical.physicalId });
  return true;
}
