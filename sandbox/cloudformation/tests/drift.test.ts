// Drift detection, checked against the API reference (DetectStackDrift, DescribeStackDriftDetectionStatus,
// DescribeStackResourceDrifts, PropertyDifference): asynchronous (DETECTION_IN_PROGRESS first), drift only from a
// real difference between the template's values and the resource's (changed through POST /_sandbox/drift), and an
// update of the resource puts it back in sync.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateStackCommand, DescribeStackDriftDetectionStatusCommand, DescribeStackResourceDriftsCommand, DescribeStacksCommand,
  DetectStackDriftCommand, UpdateStackCommand, type DescribeStackDriftDetectionStatusCommandOutput,
} from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox({ speed: 0.01 })));
afterAll(() => sandbox.close());

const template = (value: string) => `Parameters:
  Message: { Type: String, Default: ${value} }
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Value: !Ref Message, Tags: { team: core } }
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: 7 }`;

async function detect(stackName: string): Promise<DescribeStackDriftDetectionStatusCommandOutput> {
  // Slow enough (a detection of 2 resources: 4 s × 0.2) that a busy machine still sees it in progress first.
  await sandbox.config({ speed: 0.2 });
  const { StackDriftDetectionId } = await sandbox.cfn.send(new DetectStackDriftCommand({ StackName: stackName }));
  const first = await sandbox.cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }));
  await sandbox.config({ speed: 0.01 });
  expect(first.DetectionStatus).toBe("DETECTION_IN_PROGRESS");
  expect(first.StackDriftStatus).toBeUndefined();
  for (;;) {
    const status = await sandbox.cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }));
    if (status.DetectionStatus !== "DETECTION_IN_PROGRESS") return status;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function drift(body: unknown): Promise<Response> {
  return fetch(`${sandbox.url}/_sandbox/drift`, { method: "POST", body: JSON.stringify(body) });
}

describe("drift detection", () => {
  it("is in sync, drifts when a property really changes, and is in sync again after an update of that resource", async () => {
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "drifty", TemplateBody: template("one") }));
    expect(await waitForStack(sandbox.cfn, "drifty")).toBe("CREATE_COMPLETE");
    let stack = (await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "drifty" }))).Stacks![0]!;
    expect(stack.DriftInformation?.StackDriftStatus).toBe("NOT_CHECKED");

    expect(await detect("drifty")).toMatchObject({ DetectionStatus: "DETECTION_COMPLETE", StackDriftStatus: "IN_SYNC", DriftedStackResourceCount: 0 });

    const changed = await drift({ stackName: "drifty", logicalResourceId: "Param", actualProperties: { Value: "changed by hand", Description: "added" } });
    expect(changed.status).toBe(200);
    expect(await detect("drifty")).toMatchObject({ StackDriftStatus: "DRIFTED", DriftedStackResourceCount: 1 });
    const { StackResourceDrifts } = await sandbox.cfn.send(new DescribeStackResourceDriftsCommand({ StackName: "drifty", StackResourceDriftStatusFilters: ["MODIFIED"] }));
    expect(StackResourceDrifts).toHaveLength(1);
    expect(StackResourceDrifts![0]).toMatchObject({
      LogicalResourceId: "Param", ResourceType: "AWS::SSM::Parameter", StackResourceDriftStatus: "MODIFIED",
      // Description is not in the template, so it is not checked (as AWS documents).
      PropertyDifferences: [{ PropertyPath: "/Value", ExpectedValue: "one", ActualValue: "changed by hand", DifferenceType: "NOT_EQUAL" }],
    });
    expect(JSON.parse(StackResourceDrifts![0]!.ActualProperties!)).toMatchObject({ Value: "changed by hand" });
    stack = (await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "drifty" }))).Stacks![0]!;
    expect(stack.DriftInformation?.StackDriftStatus).toBe("DRIFTED");
    expect(stack.DriftInformation?.LastCheckTimestamp).toBeInstanceOf(Date);

    await sandbox.cfn.send(new UpdateStackCommand({ StackName: "drifty", TemplateBody: template("two") }));
    expect(await waitForStack(sandbox.cfn, "drifty")).toBe("UPDATE_COMPLETE");
    expect(await detect("drifty")).toMatchObject({ StackDriftStatus: "IN_SYNC", DriftedStackResourceCount: 0 });
  });

  it("refuses the control for a missing stack or resource and a body without properties", async () => {
    expect((await drift({ stackName: "nope", logicalResourceId: "Param", actualProperties: {} })).status).toBe(400);
    expect((await drift({ stackName: "drifty", logicalResourceId: "Nope", actualProperties: {} })).status).toBe(400);
    expect((await drift({ stackName: "drifty", logicalResourceId: "Param" })).status).toBe(400);
  });

  it("refuses an unknown detection id and a bad filter", async () => {
    await expect(sandbox.cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: "00000000-0000-4000-8000-000000000000" }))).rejects.toThrow(/does not exist/);
    await expect(sandbox.cfn.send(new DescribeStackResourceDriftsCommand({ StackName: "drifty", StackResourceDriftStatusFilters: ["WRONG" as never] }))).rejects.toThrow(/enum/);
  });
});
