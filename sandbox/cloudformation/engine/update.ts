// UpdateStack / ExecuteChangeSet: new and changed resources in dependency order (replacements are created first),
// the monitoring window, then UPDATE_COMPLETE_CLEANUP_IN_PROGRESS deletes replaced and removed resources.
import { AwsError } from "../../core/contracts.ts";
import { sameValue, updateMethod } from "../diff/classify.ts";
import { resolveValue } from "../template/intrinsics.ts";
import { resourceDependencies } from "../template/validate.ts";
import { activeResourceIds, evaluationContext } from "./context.ts";
import { deletionOrder } from "./cleanup-order.ts";
import { setResourceStatus, setStackStatus } from "./events.ts";
import { failedResourcesReason, finishOperation, setPhase } from "./finish.ts";
import { runInDependencyOrder } from "./graph.ts";
import { exportConflict, evaluateOutputs, publishOutputs } from "./outputs.ts";
import { failOperation, type Operation } from "./operation.ts";
import { createResource, deletePhysical, replaceResource, updateInPlace } from "./resource-ops.ts";
import { monitoringWindow, watchTriggers } from "./triggers.ts";
import { runUpdateRollback } from "./update-rollback.ts";

async function updateOne(op: Operation, id: string, props: Record<string, unknown>): Promise<boolean> {
  const { stack } = op;
  const definition = stack.pendingConfig!.template.Resources[id];
  const record = stack.resources[id];
  if (!record || record.status === "DELETE_COMPLETE" || record.change === "created") return createResource(op, id, definition, props);
  if (record.change === "replaced") return replaceResource(op, record, definition, props);
  if (record.change === "updated") return updateInPlace(op, record, definition, props);
  const current = record.current!;
  const method = updateMethod(record.type, current.properties, props);
  if (method === "none" && sameValue(current.definition.Metadata, definition.Metadata)) {
    current.definition = definition;
    return true;
  }
  if (method === "replace") return replaceResource(op, record, definition, props);
  record.previous = structuredClone(current);
  record.change = "updated";
  return updateInPlace(op, record, definition, props);
}

export async function runUpdate(op: Operation): Promise<void> {
  const { stack, region } = op;
  const config = stack.pendingConfig!;
  const imports = new Set<string>();
  const ctx = evaluationContext(stack, config, region, { imports });
  const active = activeResourceIds(config, ctx);
  const watcher = watchTriggers(op, config);
  const { failed } = await runInDependencyOrder(active, resourceDependencies(config.template, (id) => active.includes(id)), async (id) => {
    const record = stack.resources[id];
    if (record?.change && record.status.endsWith("_COMPLETE")) return true;
    let ok: boolean;
    try {
      ok = await updateOne(op, id, resolveValue(config.template.Resources[id].Properties ?? {}, ctx) as Record<string, unknown>);
    } catch (error) {
      if (record) setResourceStatus(op.store, stack, record, "UPDATE_FAILED", { reason: error instanceof AwsError ? error.message : String(error) });
      ok = false;
    }
    if (!ok) failOperation(op);
    return ok;
  });
  watcher.stop();
  if (failed.length === 0 && !op.abort.signal.aborted) {
    setPhase(op, "monitor");
    if (await monitoringWindow(op, config)) {
      const outputs = evaluateOutputs(stack, config, region);
      const conflict = exportConflict(stack, outputs, region);
      if (!conflict) {
        publishOutputs(stack, outputs, region);
        stack.imports = [...imports];
        stack.config = config;
        stack.pendingConfig = undefined;
        setPhase(op, "cleanup");
        setStackStatus(op.store, stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
        await runUpdateCleanup(op);
        return;
      }
      failOperation(op, conflict);
    }
  }
  const created = failed.some((id) => stack.resources[id]?.status === "CREATE_FAILED");
  const reason = failedResourcesReason(op, failed, created ? "create" : "update");
  if (stack.operation?.disableRollback) {
    finishOperation(op, "UPDATE_FAILED", reason);
    return;
  }
  op.abort = new AbortController();
  setStackStatus(op.store, stack, "UPDATE_ROLLBACK_IN_PROGRESS", reason);
  await runUpdateRollback(op);
}

/** Deletes replaced physical resources (UpdateReplacePolicy) and resources the new template removed (DeletionPolicy). */
export async function runUpdateCleanup(op: Operation): Promise<void> {
  const { stack } = op;
  const ctx = evaluationContext(stack, stack.config!, op.region);
  const active = new Set(activeResourceIds(stack.config!, ctx));
  const removed = Object.values(stack.resources).filter((r) => !active.has(r.logicalId) && r.current && r.status !== "DELETE_COMPLETE");
  const replaced = Object.values(stack.resources).filter((r) => r.change === "replaced" && r.previous);
  const records = [...removed, ...replaced];
  await runInDependencyOrder(records.map((r) => r.logicalId), deletionOrder(records), async (id) => {
    const record = stack.resources[id];
    if (active.has(id)) {
      await deletePhysical(op, record, record.previous!, record.previous!.definition.UpdateReplacePolicy);
      // The stack keeps using the replacement, whatever happened to the old instance.
      record.status = "UPDATE_COMPLETE";
      record.previous = undefined;
      return true;
    }
    // A resource that fails to delete here (e.g. deletion protection) is left behind: AWS still completes the update
    // and removes the resource from the stack's scope, with its DELETE_FAILED event as the only trace.
    await deletePhysical(op, record, record.current!, record.current!.definition.DeletionPolicy);
    delete stack.resources[id];
    return true;
  });
  for (const record of Object.values(stack.resources)) {
    record.change = undefined;
    record.previous = undefined;
  }
  finishOperation(op, "UPDATE_COMPLETE");
}
