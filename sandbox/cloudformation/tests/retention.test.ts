// DeletionPolicy (Retain, Snapshot) and UpdateReplacePolicy, checked against the AWS template reference pages
// "DeletionPolicy attribute" and "UpdateReplacePolicy attribute": a retained resource is skipped (DELETE_SKIPPED)
// while its stack still reaches DELETE_COMPLETE; Snapshot on a type that supports it (RDS DBInstance) snapshots,
// then deletes, so its events are DELETE_IN_PROGRESS -> DELETE_COMPLETE; DeletionPolicy does not apply to the old
// instance of a replaced resource, UpdateReplacePolicy does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateStackCommand, DeleteStackCommand, DescribeStackResourceCommand, DescribeStackResourcesCommand, DescribeStacksCommand,
  UpdateStackCommand,
} from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { allEvents, resourceStatuses, stackStatuses, waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(() => sandbox.close());

async function stackId(name: string): Promise<string> {
  const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: name }));
  return Stacks![0].StackId!;
}

/** Status events of one resource with their physical ids, oldest first ("STATUS physicalId"). */
async function physicalTrail(stack: string, logicalId: string): Promise<string[]> {
  return (await allEvents(sandbox.cfn, stack)).filter((e) => e.LogicalResourceId === logicalId).map((e) => `${e.ResourceStatus} ${e.PhysicalResourceId ?? ""}`.trim());
}

const database = `
  Db:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    Properties: { DBInstanceIdentifier: orders-db, Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: "20", MasterUsername: app, MasterUserPassword: change-me-please }`;

describe("DeletionPolicy", () => {
  it("skips a Retain resource, snapshots then deletes a Snapshot database, and completes the stack deletion", async () => {
    await sandbox.cfn.send(new CreateStackCommand({
      StackName: "keep", TemplateBody: `Resources:
  Archive:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    Properties: { BucketName: orders-archive }
  Topic: { Type: AWS::SNS::Topic }${database}
`,
    }));
    expect(await waitForStack(sandbox.cfn, "keep")).toBe("CREATE_COMPLETE");
    const id = await stackId("keep");
    await sandbox.cfn.send(new DeleteStackCommand({ StackName: "keep" }));
    expect(await waitForStack(sandbox.cfn, id)).toBe("DELETE_COMPLETE");
    expect(await stackStatuses(sandbox.cfn, id)).toEqual(["CREATE_IN_PROGRESS", "CREATE_COMPLETE", "DELETE_IN_PROGRESS", "DELETE_COMPLETE"]);
    expect((await physicalTrail(id, "Archive")).slice(3)).toEqual(["DELETE_SKIPPED orders-archive"]);
    expect((await physicalTrail(id, "Db")).slice(3)).toEqual(["DELETE_IN_PROGRESS orders-db", "DELETE_COMPLETE orders-db"]);
    expect((await resourceStatuses(sandbox.cfn, id, "Topic")).slice(3)).toEqual(["DELETE_IN_PROGRESS", "DELETE_COMPLETE"]);
    const { StackResources } = await sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: id }));
    expect(Object.fromEntries(StackResources!.map((r) => [r.LogicalResourceId, r.ResourceStatus])))
      .toEqual({ Archive: "DELETE_SKIPPED", Topic: "DELETE_COMPLETE", Db: "DELETE_COMPLETE" });
  });

  it("skips a Retain resource that an update removes from the template", async () => {
    const body = (withQueue: boolean) => `Resources:
  Topic: { Type: AWS::SNS::Topic }
${withQueue ? "  Queue: { Type: AWS::SQS::Queue, DeletionPolicy: Retain, Properties: { QueueName: jobs } }\n" : ""}`;
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "shrink", TemplateBody: body(true) }));
    expect(await waitForStack(sandbox.cfn, "shrink")).toBe("CREATE_COMPLETE");
    await sandbox.cfn.send(new UpdateStackCommand({ StackName: "shrink", TemplateBody: body(false) }));
    expect(await waitForStack(sandbox.cfn, "shrink")).toBe("UPDATE_COMPLETE");
    const events = await allEvents(sandbox.cfn, "shrink");
    const cleanup = events.findIndex((e) => String(e.ResourceStatus) === "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
    expect(events.slice(cleanup).map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`))
      .toEqual(["shrink UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "Queue DELETE_SKIPPED", "shrink UPDATE_COMPLETE"]);
    const { StackResources } = await sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: "shrink" }));
    expect(StackResources?.map((r) => r.LogicalResourceId)).toEqual(["Topic"]);
  });
});

describe("UpdateReplacePolicy", () => {
  const body = (suffix: string) => `Resources:
  Kept:
    Type: AWS::Logs::LogGroup
    UpdateReplacePolicy: Retain
    Properties: { LogGroupName: /orders/kept-${suffix} }
  Replaced:
    Type: AWS::Logs::LogGroup
    DeletionPolicy: Retain
    Properties: { LogGroupName: /orders/replaced-${suffix} }
`;

  it("keeps the old instance of a replaced resource under Retain; DeletionPolicy does not apply to replacements", async () => {
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "replace", TemplateBody: body("v1") }));
    expect(await waitForStack(sandbox.cfn, "replace")).toBe("CREATE_COMPLETE");
    await sandbox.cfn.send(new UpdateStackCommand({ StackName: "replace", TemplateBody: body("v2") }));
    expect(await waitForStack(sandbox.cfn, "replace")).toBe("UPDATE_COMPLETE");
    expect((await stackStatuses(sandbox.cfn, "replace")).slice(2)).toEqual(["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE"]);
    expect((await physicalTrail("replace", "Kept")).slice(3)).toEqual([
      "UPDATE_IN_PROGRESS /orders/kept-v1", "UPDATE_IN_PROGRESS /orders/kept-v2", "UPDATE_COMPLETE /orders/kept-v2",
      "DELETE_SKIPPED /orders/kept-v1",
    ]);
    expect((await physicalTrail("replace", "Replaced")).slice(-2)).toEqual(["DELETE_IN_PROGRESS /orders/replaced-v1", "DELETE_COMPLETE /orders/replaced-v1"]);
    const { StackResourceDetail } = await sandbox.cfn.send(new DescribeStackResourceCommand({ StackName: "replace", LogicalResourceId: "Kept" }));
    expect([StackResourceDetail?.PhysicalResourceId, StackResourceDetail?.ResourceStatus]).toEqual(["/orders/kept-v2", "UPDATE_COMPLETE"]);
  });
});
