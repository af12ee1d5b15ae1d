import { AppError } from "../errors.ts";
import { classifyStackStatus } from "./stack-status.ts";
import type { DeploymentStatus, StackAction } from "./types.ts";

// Which actions CloudFormation accepts in which stack status (AWS API reference: CancelUpdateStack only in
// UPDATE_IN_PROGRESS, ContinueUpdateRollback only in UPDATE_ROLLBACK_FAILED, RollbackStack from CREATE_FAILED /
// UPDATE_FAILED, ROLLBACK_COMPLETE allows only delete). The UI offers exactly these; the commands refuse the rest.


const BY_STATUS: Record<string, StackAction[]> = {
  ROLLBACK_COMPLETE: ["delete"],
  UPDATE_ROLLBACK_FAILED: ["continue-rollback", "delete"],
  CREATE_FAILED: ["roll-back", "delete"],
  UPDATE_FAILED: ["roll-back", "delete"],
  ROLLBACK_FAILED: ["delete"],
  DELETE_FAILED: ["delete"],
};

export function allowedStackActions(
  stackStatus: string | null,
  activeDeployment: { status: DeploymentStatus } | null,
): StackAction[] {
  // A cancel already asked for (or an operation still being started) is not offered again.
  if (activeDeployment?.status === "cancelling" || activeDeployment?.status === "executing") return [];
  if (stackStatus === "UPDATE_IN_PROGRESS") return ["cancel"];
  // A pending change (preview, approval) or an operation in flight: one change at a time.
  if (activeDeployment || !stackStatus || !classifyStackStatus(stackStatus).final) return [];
  if (classifyStackStatus(stackStatus).stable) return ["update", "rollback-to-version", "delete"];
  return BY_STATUS[stackStatus] ?? [];
}

const LABELS: Record<StackAction, string> = {
  update: "updated",
  "rollback-to-version": "rolled back to an earlier version",
  cancel: "cancelled",
  "continue-rollback": "have its rollback continued",
  "roll-back": "rolled back",
  delete: "deleted",
};

/** Refuses an action the stack's status does not allow, saying what the status allows instead. */
export function assertStackAction(
  stackName: string,
  action: StackAction,
  stackStatus: string | null,
  activeDeployment: { id: string; status: DeploymentStatus } | null,
): void {
  const allowed = allowedStackActions(stackStatus, activeDeployment);
  if (allowed.includes(action)) return;
  const status = stackStatus ?? "not created";
  const pending = activeDeployment ? ` It already has an active change: ${activeDeployment.id} (${activeDeployment.status}).` : "";
  const instead = allowed.length ? ` Allowed now: ${allowed.join(", ")}.` : "";
  throw new AppError("conflict", `Stack ${stackName} cannot be ${LABELS[action]} while it is ${status}.${pending}${instead}`);
}
