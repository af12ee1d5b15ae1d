// Builds a stack with more than 1,000 events through the SDK (100 SSM parameters, created then updated four
// times), for the DescribeStackEvents latency test and benchmark.
import { CreateStackCommand, DescribeStackEventsCommand, UpdateStackCommand, type CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { waitForStack } from "./helpers.ts";

const RESOURCES = 100;

function template(revision: number): string {
  const resources = Array.from({ length: RESOURCES }, (_, i) =>
    `  P${i}:\n    Type: AWS::SSM::Parameter\n    Properties: { Type: String, Value: "value-${i}-${revision}" }`);
  return `Resources:\n${resources.join("\n")}\n`;
}

export async function createStackWithManyEvents(cfn: CloudFormationClient, stackName: string): Promise<number> {
  await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: template(0) }));
  await waitForStack(cfn, stackName, 60_000);
  for (let revision = 1; revision <= 4; revision++) {
    await cfn.send(new UpdateStackCommand({ StackName: stackName, TemplateBody: template(revision) }));
    await waitForStack(cfn, stackName, 60_000);
  }
  let count = 0;
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
    count += page.StackEvents?.length ?? 0;
    token = page.NextToken;
  } while (token);
  return count;
}

/** Latencies in ms of `calls` DescribeStackEvents requests (first page, the console's polling call). */
export async function describeEventsLatencies(cfn: CloudFormationClient, stackName: string, calls: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await cfn.send(new DescribeStackEventsCommand({ StackName: stackName }));
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
