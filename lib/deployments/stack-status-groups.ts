import type { Prisma } from "../db/generated/client.ts";

// CloudFormation's 23 stack statuses in the five groups people scan for, each with one colour (STYLE.md):
// failed red, rollback amber, in progress blue, healthy green, other grey (not created, review, deleted). The
// overview counts by group and links to the Stacks page filtered by the same group.

export const STACK_STATUS_GROUPS = ["failed", "rollback", "in_progress", "healthy", "other"] as const;
export type StackStatusGroup = (typeof STACK_STATUS_GROUPS)[number];

export const STACK_STATUS_GROUP_LABELS: Record<StackStatusGroup, string> = {
  failed: "failed",
  rollback: "rolled back",
  in_progress: "in progress",
  healthy: "healthy",
  other: "other",
};

export function stackStatusGroup(status: string | null | undefined): StackStatusGroup {
  if (!status) return "other";
  if (status.endsWith("_FAILED")) return "failed";
  if (status.includes("ROLLBACK")) return "rollback";
  if (status.endsWith("_IN_PROGRESS") && status !== "REVIEW_IN_PROGRESS") return "in_progress";
  if (status.endsWith("_COMPLETE") && status !== "DELETE_COMPLETE") return "healthy";
  return "other";
}

export function isStackStatusGroup(value: unknown): value is StackStatusGroup {
  return typeof value === "string" && (STACK_STATUS_GROUPS as readonly string[]).includes(value);
}

const FAILED: Prisma.StackWhereInput = { status: { endsWith: "_FAILED" } };
const ROLLBACK: Prisma.StackWhereInput = { status: { contains: "ROLLBACK" }, NOT: FAILED };
const IN_PROGRESS: Prisma.StackWhereInput = { AND: [{ status: { endsWith: "_IN_PROGRESS" } }, { NOT: { status: { contains: "ROLLBACK" } } }, { NOT: { status: "REVIEW_IN_PROGRESS" } }] };
const HEALTHY: Prisma.StackWhereInput = { AND: [{ status: { endsWith: "_COMPLETE" } }, { NOT: { status: { contains: "ROLLBACK" } } }, { NOT: { status: "DELETE_COMPLETE" } }] };

/** The same grouping as a database filter (Stacks page `?status=`). */
export function stackStatusGroupWhere(group: StackStatusGroup): Prisma.StackWhereInput {
  switch (group) {
    case "failed": return FAILED;
    case "rollback": return ROLLBACK;
    case "in_progress": return IN_PROGRESS;
    case "healthy": return HEALTHY;
    case "other": return { OR: [{ status: null }, { NOT: { OR: [FAILED, ROLLBACK, IN_PROGRESS, HEALTHY] } }] };
  }
}
