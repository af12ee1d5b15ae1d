import type { Prisma } from "../db/generated/client.ts";
import { STACK_STATUS_GROUPS, STACK_STATUSES, statusesInGroup, type StackStatusGroup } from "./stack-status.ts";

// The stack-status groups as people read them and as the Stacks page filters them (`?status=`). The overview counts
// by group (stack-status.ts) and links to the Stacks page filtered by the same group: the filter below is built
// from the classifier's own table, so the two cannot drift (queries.test.ts checks it on PostgreSQL too).

export const STACK_STATUS_GROUP_LABELS: Record<StackStatusGroup, string> = {
  failed: "failed",
  rollback: "rolled back",
  in_progress: "in progress",
  healthy: "healthy",
  other: "other",
};

export function isStackStatusGroup(value: unknown): value is StackStatusGroup {
  return typeof value === "string" && (STACK_STATUS_GROUPS as readonly string[]).includes(value);
}

const KNOWN_OUTSIDE_OTHER = STACK_STATUSES.filter((s) => !statusesInGroup("other").includes(s));

/** The same grouping as a database filter: exactly the statuses stackStatusGroup() puts in the group. */
export function stackStatusGroupWhere(group: StackStatusGroup): Prisma.StackWhereInput {
  // "other" also holds no status yet and any status CloudFormation may add later, as the classifier does.
  if (group === "other") return { OR: [{ status: null }, { status: { notIn: KNOWN_OUTSIDE_OTHER } }] };
  return { status: { in: statusesInGroup(group) } };
}
