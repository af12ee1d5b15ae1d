// The one classifier of CloudFormation stack statuses. Everything that asks "is this final?", "did it fail?",
// "which group does the overview count it in?" or "what does it mean for a deployment?" asks this table, so the
// tracker, the stack page, the overview and the Stacks filter can never disagree (the IMPORT_* statuses once did).
// Plain data, safe for client components. stack-status.test.ts walks every value of the SDK's StackStatus enum.

/** Every StackStatus CloudFormation documents (the SDK's enum; the test proves the two lists are equal). */
export const STACK_STATUSES = [
  "CREATE_IN_PROGRESS", "CREATE_FAILED", "CREATE_COMPLETE",
  "ROLLBACK_IN_PROGRESS", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE",
  "DELETE_IN_PROGRESS", "DELETE_FAILED", "DELETE_COMPLETE",
  "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE", "UPDATE_FAILED",
  "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE",
  "REVIEW_IN_PROGRESS",
  "IMPORT_IN_PROGRESS", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_IN_PROGRESS", "IMPORT_ROLLBACK_FAILED", "IMPORT_ROLLBACK_COMPLETE",
] as const;
export type StackStatus = (typeof STACK_STATUSES)[number];

/**
 * in_progress: an operation runs. review: a change set was created for a new stack and not executed (nothing
 * runs, nothing exists yet). complete / rolled_back / failed / deleted: the operation ended that way.
 */
export type StackPhase = "in_progress" | "review" | "complete" | "rolled_back" | "failed" | "deleted" | "unknown";

/** The five groups people scan for, one colour each (STYLE.md): red, amber, blue, green, grey. */
export const STACK_STATUS_GROUPS = ["failed", "rollback", "in_progress", "healthy", "other"] as const;
export type StackStatusGroup = (typeof STACK_STATUS_GROUPS)[number];

/** What a final status means for the deployment that caused it. */
export type OperationOutcome = "succeeded" | "rolled_back" | "failed";

export interface StackStatusClass {
  phase: StackPhase;
  /** The operation has ended: the tracker may stop and the deployment may finish. */
  final: boolean;
  /** One of the IMPORT_* statuses (a resource import operation). */
  import: boolean;
  group: StackStatusGroup;
  /** For a final status: how the deployment that ran the operation ended. */
  outcome: OperationOutcome | null;
  /** The stack exists and is stable: it can be updated, rolled back to a version or deleted. */
  stable: boolean;
}

function classify(status: StackStatus): StackStatusClass {
  const imported = status.startsWith("IMPORT_");
  const rollback = status.includes("ROLLBACK");
  if (status === "REVIEW_IN_PROGRESS") return { phase: "review", final: false, import: false, group: "other", outcome: null, stable: false };
  if (status.endsWith("_IN_PROGRESS")) {
    return { phase: "in_progress", final: false, import: imported, group: rollback ? "rollback" : "in_progress", outcome: null, stable: false };
  }
  if (status.endsWith("_FAILED")) return { phase: "failed", final: true, import: imported, group: "failed", outcome: "failed", stable: false };
  if (status === "DELETE_COMPLETE") return { phase: "deleted", final: true, import: false, group: "other", outcome: "succeeded", stable: false };
  if (rollback) {
    // ROLLBACK_COMPLETE is a failed create rolled back: the stack exists but allows only delete.
    return { phase: "rolled_back", final: true, import: imported, group: "rollback", outcome: "rolled_back", stable: status !== "ROLLBACK_COMPLETE" };
  }
  return { phase: "complete", final: true, import: imported, group: "healthy", outcome: "succeeded", stable: true };
}

const TABLE = new Map<string, StackStatusClass>(STACK_STATUSES.map((s) => [s, classify(s)]));

/** Not a status CloudFormation documents (or none yet): never final, grey. A future AWS status lands here. */
const UNKNOWN: StackStatusClass = { phase: "unknown", final: false, import: false, group: "other", outcome: null, stable: false };

export function classifyStackStatus(status: string | null | undefined): StackStatusClass {
  return (status && TABLE.get(status)) || UNKNOWN;
}

export const isFinalStackStatus = (status: string | null | undefined) => classifyStackStatus(status).final;

export function stackStatusGroup(status: string | null | undefined): StackStatusGroup {
  return classifyStackStatus(status).group;
}

/** The documented statuses of one group (the Stacks filter is built from this, so it equals the function). */
export function statusesInGroup(group: StackStatusGroup): StackStatus[] {
  return STACK_STATUSES.filter((s) => TABLE.get(s)!.group === group);
}
