// Finding change sets by name or ARN, and marking a stack's other change sets OBSOLETE when it changes.
import { AwsError } from "../../core/contracts.ts";
import type { ChangeSetRecord, RegionState } from "../state/types.ts";

export function obsoleteChangeSets(region: RegionState, stackId: string, exceptId?: string): void {
  for (const changeSet of Object.values(region.changeSets)) {
    if (changeSet.stackId !== stackId || changeSet.changeSetId === exceptId) continue;
    if (changeSet.executionStatus === "AVAILABLE" || changeSet.executionStatus === "UNAVAILABLE") changeSet.executionStatus = "OBSOLETE";
  }
}

export function findChangeSet(region: RegionState, nameOrArn: string, stackName: string | undefined): ChangeSetRecord {
  const byArn = nameOrArn.startsWith("arn:") ? region.changeSets[nameOrArn] : undefined;
  const found = byArn ?? Object.values(region.changeSets).find((c) =>
    c.changeSetName === nameOrArn && stackName !== undefined && (c.stackName === stackName || c.stackId === stackName));
  if (!found) {
    if (!nameOrArn.startsWith("arn:") && stackName === undefined) {
      throw new AwsError("ValidationError", "StackName must be specified if ChangeSetName is not specified as an ARN.");
    }
    throw new AwsError("ChangeSetNotFound", `ChangeSet [${nameOrArn}] does not exist`, 404);
  }
  return found;
}
