// The stack resource reads, checked against the API reference pages DescribeStackResource, DescribeStackResources
// ("Only the first 100 resources will be returned"; by PhysicalResourceId "the associated resources of the stack
// that the resource belongs to are returned"; StackName and PhysicalResourceId together are a ValidationError) and
// ListStackResources (paginated with NextToken).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateStackCommand, DescribeStackResourceCommand, DescribeStackResourcesCommand, DescribeStacksCommand, ListStackResourcesCommand,
  type StackResourceSummary,
} from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
const TOPICS = 104;
const topicIds = Array.from({ length: TOPICS }, (_, i) => `Topic${String(i + 1).padStart(3, "0")}`);

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const big = `Resources:\n  Logs: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: /big/logs } }\n` +
    topicIds.map((id) => `  ${id}: { Type: AWS::SNS::Topic }\n`).join("");
  const small = `Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.9.0.0/16 } }
  Logs:
    Type: AWS::Logs::LogGroup
    Metadata: { Owner: payments, Tier: 2 }
    Properties: { LogGroupName: /small/logs }
  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: small-jobs } }
`;
  await sandbox.cfn.send(new CreateStackCommand({ StackName: "big", TemplateBody: big }));
  await sandbox.cfn.send(new CreateStackCommand({ StackName: "small", TemplateBody: small }));
  expect(await waitForStack(sandbox.cfn, "big")).toBe("CREATE_COMPLETE");
  expect(await waitForStack(sandbox.cfn, "small")).toBe("CREATE_COMPLETE");
});
afterAll(() => sandbox.close());

describe("stack resources", () => {
  it("pages ListStackResources by 100 with a NextToken until every resource is listed", async () => {
    const first = await sandbox.cfn.send(new ListStackResourcesCommand({ StackName: "big" }));
    expect(first.StackResourceSummaries).toHaveLength(100);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await sandbox.cfn.send(new ListStackResourcesCommand({ StackName: "big", NextToken: first.NextToken }));
    expect(second.StackResourceSummaries).toHaveLength(TOPICS + 1 - 100);
    expect(second.NextToken).toBeUndefined();
    const all: StackResourceSummary[] = [...first.StackResourceSummaries!, ...second.StackResourceSummaries!];
    expect(all.map((r) => r.LogicalResourceId).sort()).toEqual(["Logs", ...topicIds].sort());
    expect(new Set(all.map((r) => r.ResourceStatus))).toEqual(new Set(["CREATE_COMPLETE"]));
    expect(all.find((r) => r.LogicalResourceId === "Logs")).toMatchObject({
      PhysicalResourceId: "/big/logs", ResourceType: "AWS::Logs::LogGroup", LastUpdatedTimestamp: expect.any(Date),
      DriftInformation: { StackResourceDriftStatus: "NOT_CHECKED" },
    });
  });

  it("returns only the first 100 resources from DescribeStackResources", async () => {
    const { StackResources } = await sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: "big" }));
    expect(StackResources).toHaveLength(100);
    const logs = await sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: "big", LogicalResourceId: "Logs" }));
    expect(logs.StackResources?.map((r) => [r.LogicalResourceId, r.PhysicalResourceId])).toEqual([["Logs", "/big/logs"]]);
  });

  it("finds a resource's whole stack by physical id, optionally filtered by logical id", async () => {
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "small" }));
    const stackId = Stacks![0].StackId!;
    const { StackResources } = await sandbox.cfn.send(new DescribeStackResourcesCommand({ PhysicalResourceId: "/small/logs" }));
    expect(StackResources?.map((r) => [r.StackName, r.StackId, r.LogicalResourceId, r.ResourceStatus]).sort()).toEqual([
      ["small", stackId, "Logs", "CREATE_COMPLETE"], ["small", stackId, "Queue", "CREATE_COMPLETE"], ["small", stackId, "Vpc", "CREATE_COMPLETE"],
    ]);
    const filtered = await sandbox.cfn.send(new DescribeStackResourcesCommand({ PhysicalResourceId: "/small/logs", LogicalResourceId: "Vpc" }));
    expect(filtered.StackResources?.map((r) => [r.LogicalResourceId, r.ResourceType])).toEqual([["Vpc", "AWS::EC2::VPC"]]);
    expect(filtered.StackResources?.[0]?.PhysicalResourceId).toMatch(/^vpc-[0-9a-f]{17}$/);
    // AWS documents these two ValidationErrors but not their wording, so only the code is checked.
    await expect(sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: "small", PhysicalResourceId: "/small/logs" })))
      .rejects.toMatchObject({ name: "ValidationError" });
    await expect(sandbox.cfn.send(new DescribeStackResourcesCommand({}))).rejects.toMatchObject({ name: "ValidationError" });
  });

  it("describes one resource in detail, by stack name or stack id", async () => {
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "small" }));
    const stackId = Stacks![0].StackId!;
    for (const stack of ["small", stackId]) {
      const { StackResourceDetail } = await sandbox.cfn.send(new DescribeStackResourceCommand({ StackName: stack, LogicalResourceId: "Logs" }));
      expect(StackResourceDetail).toEqual({
        StackName: "small", StackId: stackId, LogicalResourceId: "Logs", PhysicalResourceId: "/small/logs",
        ResourceType: "AWS::Logs::LogGroup", ResourceStatus: "CREATE_COMPLETE", LastUpdatedTimestamp: expect.any(Date),
        Metadata: JSON.stringify({ Owner: "payments", Tier: 2 }), DriftInformation: { StackResourceDriftStatus: "NOT_CHECKED" },
      });
    }
    await expect(sandbox.cfn.send(new DescribeStackResourceCommand({ StackName: "small", LogicalResourceId: "Nope" })))
      .rejects.toMatchObject({ name: "ValidationError", message: "Resource Nope does not exist for stack small" });
    await expect(sandbox.cfn.send(new DescribeStackResourceCommand({ StackName: "missing", LogicalResourceId: "Logs" })))
      .rejects.toMatchObject({ name: "ValidationError", message: "Stack with id missing does not exist" });
  });
});
