// The one classifier of a change set's two statuses (Status, ExecutionStatus): whether it is still being computed,
// may be executed, was executed (our execute landed), or can never run. Used by the preview, execute, approvals
// and the reconciler, which must all read the same pair the same way.

export const OBSOLETE_PLAN = "The stack changed since this preview (change set OBSOLETE); preview again.";

export type ChangeSetState =
  | "computing" // CREATE_PENDING / CREATE_IN_PROGRESS
  | "available" // computed, may be executed
  | "executing" // EXECUTE_IN_PROGRESS: an ExecuteChangeSet landed
  | "executed" // EXECUTE_COMPLETE / EXECUTE_FAILED: it ran (the stack's status says how it ended)
  | "obsolete" // the stack changed since: never executable
  | "failed" // the change set could not be created (StatusReason says why, e.g. no changes)
  | "unavailable" // computed but not executable for another reason
  | "deleted"; // DELETE_*: gone or going

export function changeSetState(cs: { status: string; executionStatus: string }): ChangeSetState {
  if (cs.status === "CREATE_PENDING" || cs.status === "CREATE_IN_PROGRESS") return "computing";
  if (cs.status === "FAILED") return "failed";
  if (cs.status.startsWith("DELETE_")) return "deleted";
  switch (cs.executionStatus) {
    case "AVAILABLE": return "available";
    case "EXECUTE_IN_PROGRESS": return "executing";
    case "EXECUTE_COMPLETE":
    case "EXECUTE_FAILED": return "executed";
    case "OBSOLETE": return "obsolete";
    default: return "unavailable";
  }
}

/** Whether CloudFormation received an ExecuteChangeSet for this change set. */
export const wasExecuted = (state: ChangeSetState) => state === "executing" || state === "executed";
