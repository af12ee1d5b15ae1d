import { AppError } from "../errors.ts";
import { describeStackResources, listImports, type StackDescription } from "../aws/cloudformation.ts";
import { isDataStore } from "../aws/cloudformation-types.ts";
import type { ResourceChange } from "./types.ts";

// Deleting a stack is refused, with the reason, while termination protection is on or another stack imports one
// of its exports (CloudFormation would fail the delete half-way for the latter).

export async function assertDeletable(region: string, stack: StackDescription): Promise<void> {
  if (stack.terminationProtection) {
    throw new AppError("conflict", `Stack ${stack.stackName} has termination protection enabled; turn it off in AWS before deleting the stack.`);
  }
  for (const output of stack.outputs) {
    if (!output.exportName) continue;
    const importers = await listImports(region, output.exportName);
    // An endpoint without ListImports (some emulators): CloudFormation itself refuses the delete later, with its reason.
    if (!importers) console.warn(`ListImports unavailable: not checking imports of ${output.exportName}`);
    if (importers?.length) {
      throw new AppError(
        "conflict",
        `Stack ${stack.stackName} cannot be deleted: its export ${output.exportName} is imported by ${importers.join(", ")}. Remove those imports first.`,
      );
    }
  }
}

/** A delete's "preview": every live resource of the stack, removed. */
export async function deletionChanges(region: string, stackName: string): Promise<ResourceChange[]> {
  const resources = await describeStackResources(region, stackName);
  return resources
    .filter((r) => r.status !== "DELETE_COMPLETE")
    .map((r) => ({
      action: "Remove",
      logicalId: r.logicalId,
      physicalId: r.physicalId,
      resourceType: r.resourceType,
      replacement: null,
      scope: [],
      details: [],
      dataStore: isDataStore(r.resourceType),
    }));
}
