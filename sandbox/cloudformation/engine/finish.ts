// Shared endings of operations: the failure reason AWS reports, and closing the operation record.
import type { StackStatus } from "../state/types.ts";
import { setStackStatus } from "./events.ts";
import type { Operation } from "./operation.ts";

/** "The following resource(s) failed to create: [A, B]. " (AWS's wording, trailing space included). */
export function failedResourcesReason(op: Operation, failed: string[], verb: "create" | "update" | "delete"): string {
  const stated = op.stack.operation?.failureReason;
  if (stated) return stated;
  const real = failed.filter((id) => !/cancelled$/.test(op.stack.resources[id]?.statusReason ?? ""));
  return `The following resource(s) failed to ${verb}: [${(real.length > 0 ? real : failed).join(", ")}]. `;
}

/** Enters a terminal status and closes the operation (and the change set it executed, if any). */
export function finishOperation(op: Operation, status: StackStatus, reason?: string): void {
  const { stack, region } = op;
  setStackStatus(op.store, stack, status, reason);
  const changeSetId = stack.operation?.changeSetId;
  const changeSet = changeSetId ? region.changeSets[changeSetId] : undefined;
  if (changeSet) changeSet.executionStatus = status === "UPDATE_COMPLETE" || status === "CREATE_COMPLETE" ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED";
  stack.operation = undefined;
  op.store.save();
}

export function setPhase(op: Operation, phase: NonNullable<Operation["stack"]["operation"]>["phase"]): void {
  if (op.stack.operation) op.stack.operation.phase = phase;
  op.store.save();
}
