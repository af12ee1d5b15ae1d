// CreateStack: resources in dependency order, then the rollback-trigger monitoring window, outputs and exports.
// A failure rolls back (ROLLBACK_IN_PROGRESS -> ROLLBACK_COMPLETE) unless rollback is disabled (CREATE_FAILED).
import { resolveValue } from "../template/intrinsics.ts";
import { resourceDependencies } from "../template/validate.ts";
import { activeResourceIds, evaluationContext } from "./context.ts";
import { deletionOrder } from "./cleanup-order.ts";
import { setResourceStatus, setStackStatus } from "./events.ts";
import { failedResourcesReason, finishOperation, setPhase } from "./finish.ts";
import { runInDependencyOrder } from "./graph.ts";
import { exportConflict, evaluateOutputs, publishOutputs } from "./outputs.ts";
import { failOperation, liveResources, type Operation } from "./operation.ts";
import { createResource, deletePhysical } from "./resource-ops.ts";
import { monitoringWindow, watchTriggers } from "./triggers.ts";
import { AwsError } from "../../core/contracts.ts";

export async function runCreate(op: Operation): Promise<void> {
  const { stack, region } = op;
  const config = stack.config!;
  const imports = new Set<string>();
  const ctx = evaluationContext(stack, config, region, { imports });
  const active = activeResourceIds(config, ctx);
  const watcher = watchTriggers(op, config);
  const { failed } = await runInDependencyOrder(active, resourceDependencies(config.template, (id) => active.includes(id)), async (id) => {
    if (stack.resources[id]?.status === "CREATE_COMPLETE") return true;
    const definition = config.template.Resources[id];
    let ok: boolean;
    try {
      ok = await createResource(op, id, definition, resolveValue(definition.Properties ?? {}, ctx) as Record<string, unknown>);
    } catch (error) {
      const record = (stack.resources[id] ??= { logicalId: id, type: definition.Type, status: "CREATE_IN_PROGRESS", lastUpdated: op.store.now() });
      setResourceStatus(op.store, stack, record, "CREATE_FAILED", { reason: error instanceof AwsError ? error.message : String(error) });
      ok = false;
    }
    if (!ok) failOperation(op);
    return ok;
  });
  watcher.stop();
  stack.imports = [...imports];
  if (failed.length === 0 && !op.abort.signal.aborted) {
    setPhase(op, "monitor");
    if (await monitoringWindow(op, config)) {
      const outputs = evaluateOutputs(stack, config, region);
      const conflict = exportConflict(stack, outputs, region);
      if (!conflict) {
        publishOutputs(stack, outputs, region);
        finishOperation(op, "CREATE_COMPLETE");
        return;
      }
      failOperation(op, conflict);
    }
  }
  await failCreate(op, failed);
}

async function failCreate(op: Operation, failed: string[]): Promise<void> {
  const reason = failedResourcesReason(op, failed, "create");
  if (op.stack.operation?.disableRollback) {
    finishOperation(op, "CREATE_FAILED", reason);
    return;
  }
  op.abort = new AbortController();
  setStackStatus(op.store, op.stack, "ROLLBACK_IN_PROGRESS", `${reason}Rollback requested by user.`);
  await runCreateRollback(op);
}

/** Deletes everything the failed create made (ROLLBACK_IN_PROGRESS; also RollbackStack from CREATE_FAILED). */
export async function runCreateRollback(op: Operation): Promise<void> {
  const { stack } = op;
  setPhase(op, "rollback");
  const records = liveResources(stack);
  const { failed } = await runInDependencyOrder(records.map((r) => r.logicalId), deletionOrder(records), async (id) => {
    const record = stack.resources[id];
    const policy = record.current!.definition.DeletionPolicy;
    // A rolled-back create deletes what it made unless the template says Retain.
    const ok = await deletePhysical(op, record, record.current!, policy === "Retain" ? "Retain" : "Delete");
    if (ok) record.current = undefined;
    return ok;
  });
  if (failed.length > 0) finishOperation(op, "ROLLBACK_FAILED", failedResourcesReason(op, failed, "delete"));
  else finishOperation(op, "ROLLBACK_COMPLETE");
}
