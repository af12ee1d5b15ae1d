import {
  CreateChangeSetCommand, DeleteChangeSetCommand, DescribeChangeSetCommand, ExecuteChangeSetCommand,
  type Change, type DescribeChangeSetCommandOutput,
} from "@aws-sdk/client-cloudformation";
import type { ResourceChange } from "../deployments/types.ts";
import { cloudFormationClient } from "./clients.ts";
import { requireAwsTarget } from "./target-context.ts";
import { callCloudFormation } from "./cloudformation-errors.ts";
import {
  isDataStore, REQUIRED_CAPABILITIES, type ChangeSetDescription, type ChangeSetType, type ParameterInput,
} from "./cloudformation-types.ts";

export interface CreateChangeSetInput {
  stackName: string;
  type: ChangeSetType;
  templateBody: string;
  parameters: ParameterInput[];
  changeSetName: string;
  /** Makes retries of the same request create one change set. */
  clientToken: string;
  tags?: Record<string, string>;
  description?: string;
  /** CloudWatch alarms CloudFormation watches during the operation and for monitoringMinutes after it (max 5). */
  rollbackTriggers?: { alarmArns: string[]; monitoringMinutes: number } | null;
}

export async function createChangeSet(region: string, input: CreateChangeSetInput): Promise<{ changeSetId: string; stackId: string }> {
  const out = await callCloudFormation("CreateChangeSet", () =>
    cloudFormationClient(region).send(
      new CreateChangeSetCommand({
        StackName: input.stackName,
        ChangeSetName: input.changeSetName,
        ChangeSetType: input.type,
        TemplateBody: input.templateBody,
        Parameters: input.parameters.map((p) =>
          "usePreviousValue" in p ? { ParameterKey: p.key, UsePreviousValue: true } : { ParameterKey: p.key, ParameterValue: p.value },
        ),
        Capabilities: [...REQUIRED_CAPABILITIES],
        // CloudFormation acts with the environment's service role, not the console's identity (least privilege).
        RoleARN: requireAwsTarget().serviceRoleArn ?? undefined,
        ClientToken: input.clientToken,
        Description: input.description,
        Tags: Object.entries(input.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        RollbackConfiguration: input.rollbackTriggers
          ? {
              RollbackTriggers: input.rollbackTriggers.alarmArns.map((Arn) => ({ Arn, Type: "AWS::CloudWatch::Alarm" })),
              MonitoringTimeInMinutes: input.rollbackTriggers.monitoringMinutes,
            }
          : undefined,
      }),
    ),
  );
  return { changeSetId: out.Id ?? "", stackId: out.StackId ?? "" };
}

export interface ChangeSetWithChanges extends ChangeSetDescription {
  changes: ResourceChange[];
}

/**
 * One DescribeChangeSet call, or every page of Changes when `allChanges` is set (a change set may list more
 * changes than one page holds).
 */
export async function describeChangeSet(
  region: string,
  ref: { changeSetId: string; stackName?: string },
  options: { allChanges?: boolean } = {},
): Promise<ChangeSetWithChanges> {
  const client = cloudFormationClient(region);
  const page = (NextToken?: string) =>
    callCloudFormation("DescribeChangeSet", () =>
      client.send(new DescribeChangeSetCommand({ ChangeSetName: ref.changeSetId, StackName: ref.stackName, NextToken })),
    );
  let out: DescribeChangeSetCommandOutput = await page();
  const changes = [...(out.Changes ?? [])];
  const first = out;
  while (options.allChanges && out.NextToken) {
    out = await page(out.NextToken);
    changes.push(...(out.Changes ?? []));
  }
  return {
    changeSetId: first.ChangeSetId ?? ref.changeSetId,
    changeSetName: first.ChangeSetName ?? "",
    stackId: first.StackId ?? null,
    status: first.Status ?? "UNKNOWN",
    executionStatus: first.ExecutionStatus ?? "UNAVAILABLE",
    statusReason: first.StatusReason ?? null,
    changes: changes.flatMap(toResourceChange),
  };
}

function toResourceChange(change: Change): ResourceChange[] {
  const rc = change.ResourceChange;
  if (!rc) return [];
  const type = rc.ResourceType ?? "Unknown";
  return [
    {
      action: (rc.Action ?? "Modify") as ResourceChange["action"],
      logicalId: rc.LogicalResourceId ?? "",
      physicalId: rc.PhysicalResourceId ?? null,
      resourceType: type,
      replacement: (rc.Replacement ?? null) as ResourceChange["replacement"],
      scope: rc.Scope ?? [],
      details: (rc.Details ?? []).map((d) => ({
        attribute: d.Target?.Attribute ?? "",
        name: d.Target?.Name ?? null,
        requiresRecreation: d.Target?.RequiresRecreation ?? null,
        changeSource: d.ChangeSource ?? null,
      })),
      dataStore: isDataStore(type),
    },
  ];
}

export async function executeChangeSet(
  region: string,
  input: { changeSetId: string; stackName?: string; clientRequestToken: string; disableRollback?: boolean },
): Promise<void> {
  await callCloudFormation("ExecuteChangeSet", () =>
    cloudFormationClient(region).send(
      new ExecuteChangeSetCommand({
        ChangeSetName: input.changeSetId,
        StackName: input.stackName,
        ClientRequestToken: input.clientRequestToken,
        // Not offered to users (a failed change must roll back); tests use it to produce CREATE_FAILED stacks.
        DisableRollback: input.disableRollback,
      }),
    ),
  );
}

export async function deleteChangeSet(region: string, ref: { changeSetId: string; stackName?: string }): Promise<void> {
  await callCloudFormation("DeleteChangeSet", () =>
    cloudFormationClient(region).send(new DeleteChangeSetCommand({ ChangeSetName: ref.changeSetId, StackName: ref.stackName })),
  );
}
