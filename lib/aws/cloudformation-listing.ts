import { ListStacksCommand, type StackStatus } from "@aws-sdk/client-cloudformation";
import { cloudFormationClient } from "./clients.ts";
import { callCloudFormation } from "./cloudformation-errors.ts";

export interface StackListing {
  stackId: string;
  name: string;
  status: string;
  statusReason: string | null;
  createdTime: Date;
  lastUpdatedTime: Date | null;
}

/** Every status but DELETE_COMPLETE: ListStacks also reports stacks deleted in the last 90 days otherwise. */
const LIVE_STATUSES: StackStatus[] = [
  "CREATE_IN_PROGRESS", "CREATE_FAILED", "CREATE_COMPLETE", "ROLLBACK_IN_PROGRESS", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE",
  "DELETE_IN_PROGRESS", "DELETE_FAILED", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE",
  "UPDATE_FAILED", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
  "UPDATE_ROLLBACK_COMPLETE", "REVIEW_IN_PROGRESS", "IMPORT_IN_PROGRESS", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_IN_PROGRESS",
  "IMPORT_ROLLBACK_FAILED", "IMPORT_ROLLBACK_COMPLETE",
];

/** The region's live stacks, every page of ListStacks (one budgeted call per page of up to 100). */
export async function listLiveStacks(region: string): Promise<StackListing[]> {
  const stacks: StackListing[] = [];
  let nextToken: string | undefined;
  do {
    const out = await callCloudFormation("ListStacks", () =>
      cloudFormationClient(region).send(new ListStacksCommand({ NextToken: nextToken, StackStatusFilter: LIVE_STATUSES })),
    );
    for (const s of out.StackSummaries ?? []) {
      if (!s.StackId || !s.StackName || s.StackStatus === "DELETE_COMPLETE") continue;
      stacks.push({
        stackId: s.StackId, name: s.StackName, status: s.StackStatus ?? "UNKNOWN", statusReason: s.StackStatusReason ?? null,
        createdTime: s.CreationTime ?? new Date(0), lastUpdatedTime: s.LastUpdatedTime ?? null,
      });
    }
    nextToken = out.NextToken;
  } while (nextToken);
  return stacks;
}
