import {
  CancelUpdateStackCommand, ContinueUpdateRollbackCommand, DeleteStackCommand, DescribeStackEventsCommand,
  DescribeStackResourcesCommand, DescribeStacksCommand, GetTemplateCommand, ListImportsCommand, ListStacksCommand,
  RollbackStackCommand, type Stack, type StackStatus,
} from "@aws-sdk/client-cloudformation";
import { AppError } from "../errors.ts";
import { cloudFormationClient } from "./clients.ts";
import { callCloudFormation, isUnsupportedOperation, mapCloudFormationError } from "./cloudformation-errors.ts";
import type { StackDescription, StackEventRecord, StackResourceRecord } from "./cloudformation-types.ts";

// A thin typed adapter over the CloudFormation client: our types in, our types out, our errors thrown
// (AppError with AWS's message, or AwsThrottledError). Every function takes the region the stack lives in.

export * from "./cloudformation-types.ts";
export * from "./cloudformation-change-sets.ts";
export { AwsThrottledError, isThrottling, mapCloudFormationError } from "./cloudformation-errors.ts";

/** The stack, or null when CloudFormation has no such stack (a deleted stack is reported as not existing). */
export async function describeStack(region: string, stackName: string): Promise<StackDescription | null> {
  try {
    const out = await callCloudFormation("DescribeStacks", () =>
      cloudFormationClient(region).send(new DescribeStacksCommand({ StackName: stackName })),
    );
    const stack = out.Stacks?.[0];
    return stack && stack.StackStatus !== "DELETE_COMPLETE" ? toDescription(stack) : null;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}

function toDescription(stack: Stack): StackDescription {
  return {
    stackId: stack.StackId ?? "",
    stackName: stack.StackName ?? "",
    status: stack.StackStatus ?? "UNKNOWN",
    statusReason: stack.StackStatusReason ?? null,
    parameters: Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? "", p.ParameterValue ?? ""])),
    outputs: (stack.Outputs ?? []).map((o) => ({
      key: o.OutputKey ?? "",
      value: o.OutputValue ?? "",
      description: o.Description ?? null,
      exportName: o.ExportName ?? null,
    })),
    terminationProtection: stack.EnableTerminationProtection ?? false,
    createdAt: stack.CreationTime ?? null,
    updatedAt: stack.LastUpdatedTime ?? null,
  };
}

export async function cancelUpdateStack(region: string, input: { stackName: string; clientRequestToken?: string }): Promise<void> {
  await callCloudFormation("CancelUpdateStack", () =>
    cloudFormationClient(region).send(new CancelUpdateStackCommand({ StackName: input.stackName, ClientRequestToken: input.clientRequestToken })),
  );
}

export async function continueUpdateRollback(
  region: string,
  input: { stackName: string; resourcesToSkip: string[]; clientRequestToken?: string },
): Promise<void> {
  await callCloudFormation("ContinueUpdateRollback", () =>
    cloudFormationClient(region).send(
      new ContinueUpdateRollbackCommand({
        StackName: input.stackName,
        ResourcesToSkip: input.resourcesToSkip.length ? input.resourcesToSkip : undefined,
        ClientRequestToken: input.clientRequestToken,
      }),
    ),
  );
}

export async function rollbackStack(region: string, input: { stackName: string; clientRequestToken?: string }): Promise<void> {
  await callCloudFormation("RollbackStack", () =>
    cloudFormationClient(region).send(new RollbackStackCommand({ StackName: input.stackName, ClientRequestToken: input.clientRequestToken })),
  );
}

export async function deleteStack(region: string, input: { stackName: string; clientRequestToken?: string }): Promise<void> {
  await callCloudFormation("DeleteStack", () =>
    cloudFormationClient(region).send(new DeleteStackCommand({ StackName: input.stackName, ClientRequestToken: input.clientRequestToken })),
  );
}

/** One page of events, newest first (as CloudFormation returns them); page on with nextToken. */
export async function describeStackEvents(
  region: string,
  stackName: string,
  nextToken?: string,
): Promise<{ events: StackEventRecord[]; nextToken: string | null }> {
  const out = await callCloudFormation("DescribeStackEvents", () =>
    cloudFormationClient(region).send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: nextToken })),
  );
  return {
    events: (out.StackEvents ?? []).map((e) => ({
      eventId: e.EventId ?? "",
      stackId: e.StackId ?? "",
      stackName: e.StackName ?? stackName,
      timestamp: e.Timestamp ?? new Date(0),
      logicalId: e.LogicalResourceId ?? "",
      physicalId: e.PhysicalResourceId || null,
      resourceType: e.ResourceType ?? "",
      status: e.ResourceStatus ?? "",
      reason: e.ResourceStatusReason ?? null,
      clientRequestToken: e.ClientRequestToken ?? null,
    })),
    nextToken: out.NextToken ?? null,
  };
}

/** The stack's resources (CloudFormation answers at most the first 100). */
export async function describeStackResources(region: string, stackName: string): Promise<StackResourceRecord[]> {
  const out = await callCloudFormation("DescribeStackResources", () =>
    cloudFormationClient(region).send(new DescribeStackResourcesCommand({ StackName: stackName })),
  );
  return (out.StackResources ?? []).map((r) => ({
    logicalId: r.LogicalResourceId ?? "",
    physicalId: r.PhysicalResourceId || null,
    resourceType: r.ResourceType ?? "",
    status: r.ResourceStatus ?? "",
    reason: r.ResourceStatusReason ?? null,
    updatedAt: r.Timestamp ?? null,
  }));
}

export async function getTemplate(region: string, stackName: string): Promise<string> {
  const out = await callCloudFormation("GetTemplate", () =>
    cloudFormationClient(region).send(new GetTemplateCommand({ StackName: stackName, TemplateStage: "Original" })),
  );
  return out.TemplateBody ?? "";
}

/**
 * Stacks that import an export. AWS answers a ValidationError ("Export 'x' is not imported by any stack.") when
 * none does; that is an empty list. Null when the endpoint does not implement ListImports (some local emulators).
 */
export async function listImports(region: string, exportName: string): Promise<string[] | null> {
  const client = cloudFormationClient(region);
  const stacks: string[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const out = await client.send(new ListImportsCommand({ ExportName: exportName, NextToken: nextToken }));
      stacks.push(...(out.Imports ?? []));
      nextToken = out.NextToken;
    } while (nextToken);
  } catch (error) {
    if (isUnsupportedOperation(error)) return null;
    if ((error as Error).name === "ValidationError" && /not imported by any stack/i.test((error as Error).message)) return [];
    throw mapCloudFormationError(error, "ListImports");
  }
  return stacks;
}

/** Names of every stack in the region that is not deleted (ListStacks, all pages). */
export async function listStackNames(region: string): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const out = await callCloudFormation("ListStacks", () => cloudFormationClient(region).send(new ListStacksCommand({ NextToken: nextToken })));
    for (const s of out.StackSummaries ?? []) if (s.StackStatus !== ("DELETE_COMPLETE" satisfies StackStatus) && s.StackName) names.push(s.StackName);
    nextToken = out.NextToken;
  } while (nextToken);
  return names;
}
