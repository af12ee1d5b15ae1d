// Rolling back an update (UPDATE_ROLLBACK_IN_PROGRESS): resources updated in place get their previous
// properties back, replaced ones return to their old physical resource; then
// UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS deletes what the update created. A failed revert leaves the stack
// in UPDATE_ROLLBACK_FAILED until ContinueUpdateRollback (optionally skipping resources).
import { resourceDependencies } from "../template/validate.ts";
import { deletionOrder } from "./cleanup-order.ts";
import { setResourceStatus, setStackStatus } from "./events.ts";
import { failedResourcesReason, finishOperation, setPhase } from "./finish.ts";
import { runInDependencyOrder } from "./graph.ts";
import type { Operation } from "./operation.ts";
import { deletePhysical, updateInPlace } from "./resource-ops.ts";

async function revert(op: Operation, id: string, skip: Set<string>): Promise<boolean> {
  const { stack, store } = op;
  const record = stack.resources[id];
  if (skip.has(id)) {
    record.change = undefined;
    record.previous = undefined;
    setResourceStatus(store, stack, record, "UPDATE_COMPLETE");
    return true;
  }
  if (record.change === "updated" && record.previous) {
    const ok = await updateInPlace(op, record, record.previous.definition, record.previous.properties);
    if (ok) {
      record.change = undefined;
      record.previous = undefined;
    }
    return ok;
  }
  if (record.change === "replaced") {
    if (record.previous) {
      record.discard = record.current;
      record.current = record.previous;
      record.previous = undefined;
    }
    setResourceStatus(store, stack, record, "UPDATE_IN_PROGRESS");
    setResourceStatus(store, stack, record, "UPDATE_COMPLETE");
    record.change = undefined;
  }
  return true;
}

export async function runUpdateRollback(op: Operation): Promise<void> {
  const { stack } = op;
  setPhase(op, "rollback");
  const skip = new Set(stack.operation?.skip ?? []);
  const toRevert = Object.values(stack.resources).filter((r) => r.change === "updated" || r.change === "replaced").map((r) => r.logicalId);
  const dependencies = resourceDependencies(stack.config!.template, (id) => toRevert.includes(id));
  const { failed } = await runInDependencyOrder(toRevert, dependencies, (id) => revert(op, id, skip));
  if (failed.length > 0) {
    finishOperation(op, "UPDATE_ROLLBACK_FAILED", failedResourcesReason(op, failed, "update"));
    return;
  }
  setPhase(op, "rollback-cleanup");
  setStackStatus(op.store, stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS");
  await runUpdateRollbackCleanup(op);
}

export async function runUpdateRollbackCleanup(op: Operation): Promise<void> {
  const { stack } = op;
  const created = Object.values(stack.resources).filter((r) => r.change === "created" && r.current);
  const discarded = Object.values(stack.resources).filter((r) => r.discard);
  const records = [...created, ...discarded];
  await runInDependencyOrder(records.map((r) => r.logicalId), deletionOrder(records), async (id) => {
    const record = stack.resources[id];
    if (record.discard) {
      await deletePhysical(op, record, record.discard, "Delete");
      record.discard = undefined;
      record.status = "UPDATE_COMPLETE";
      return true;
    }
    const policy = record.current!.definition.DeletionPolicy;
    if (await deletePhysical(op, record, record.current!, policy === "Retain" ? "Retain" : "Delete")) delete stack.resources[id];
    return true;
  });
  for (const record of Object.values(stack.resources)) {
    if (record.change === "created" && !record.current) delete stack.resources[record.logicalId];
    record.change = undefined;
  }
  stack.pendingConfig = undefined;
  finishOperation(op, "UPDATE_ROLLBACK_COMPLETE");
}

