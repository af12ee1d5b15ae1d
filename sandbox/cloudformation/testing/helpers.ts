// Test helpers for the CloudFormation integration tests: waiting for terminal statuses through the SDK and
// reading a stack's status sequence from its events.
import { DescribeStackEventsCommand, DescribeStacksCommand, type CloudFormationClient, type StackEvent } from "@aws-sdk/client-cloudformation";

const TERMINAL = /(_COMPLETE|_FAILED)$|^REVIEW_IN_PROGRESS$/;

export async function waitForStack(cfn: CloudFormationClient, stackName: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const status = Stacks?.[0]?.StackStatus ?? "";
    if (TERMINAL.test(status) && !status.endsWith("CLEANUP_IN_PROGRESS")) return status;
    if (Date.now() > deadline) throw new Error(`stack ${stackName} still ${status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function allEvents(cfn: CloudFormationClient, stackName: string): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
    events.push(...(page.StackEvents ?? []));
    token = page.NextToken;
  } while (token);
  return events.reverse();
}

/** The stack's own status changes, oldest first. */
export async function stackStatuses(cfn: CloudFormationClient, stackName: string): Promise<string[]> {
  return (await allEvents(cfn, stackName)).filter((e) => e.ResourceType === "AWS::CloudFormation::Stack").map((e) => e.ResourceStatus ?? "");
}

/** One resource's status changes, oldest first ("STATUS" or "STATUS: reason"). */
export async function resourceStatuses(cfn: CloudFormationClient, stackName: string, logicalId: string): Promise<string[]> {
  return (await allEvents(cfn, stackName))
    .filter((e) => e.LogicalResourceId === logicalId && e.ResourceType !== "AWS::CloudFormation::Stack")
    .map((e) => (e.ResourceStatusReason ? `${e.ResourceStatus}: ${e.ResourceStatusReason}` : e.ResourceStatus ?? ""));
}
