// DeleteStack: refuses while another stack imports one of the stack's exports, then deletes resources in reverse
// dependency order honouring DeletionPolicy (Retain/Snapshot) and DeleteStack's RetainResources.
import { deletionOrder } from "./cleanup-order.ts";
import { failedResourcesReason, finishOperation } from "./finish.ts";
import { runInDependencyOrder } from "./graph.ts";
import { importersOf } from "./outputs.ts";
import { liveResources, type Operation } from "./operation.ts";
import { deletePhysical } from "./resource-ops.ts";

export async function runDelete(op: Operation): Promise<void> {
  const { stack, region } = op;
  for (const [name, owner] of Object.entries(region.exports)) {
    const importers = owner.stackId === stack.stackId ? importersOf(region, name, stack.stackId) : [];
    if (importers.length > 0) {
      finishOperation(op, "DELETE_FAILED", `Delete canceled. Cannot delete export ${name} as it is in use by ${importers.join(", ")}.`);
      return;
    }
  }
  const retain = new Set(stack.operation?.retainResources ?? []);
  const records = liveResources(stack);
  const { failed } = await runInDependencyOrder(records.map((r) => r.logicalId), deletionOrder(records), async (id) => {
    const record = stack.resources[id];
    const policy = retain.has(id) ? "Retain" : record.current!.definition.DeletionPolicy;
    const ok = await deletePhysical(op, record, record.current!, policy);
    if (ok) record.current = undefined;
    return ok;
  });
  if (failed.length > 0) {
    finishOperation(op, "DELETE_FAILED", failedResourcesReason(op, failed, "delete"));
    return;
  }
  completeDeletion(op);
}

export function completeDeletion(op: Operation): void {
  const { stack, region } = op;
  stack.deletionTime = op.store.now();
  for (const [name, owner] of Object.entries(region.exports)) {
    if (owner.stackId === stack.stackId) delete region.exports[name];
  }
  for (const [id, changeSet] of Object.entries(region.changeSets)) {
    if (changeSet.stackId === stack.stackId) delete region.changeSets[id];
  }
  if (region.liveStackIds[stack.stackName] === stack.stackId) delete region.liveStackIds[stack.stackName];
  stack.outputs = [];
  finishOperation(op, "DELETE_COMPLETE");
}
