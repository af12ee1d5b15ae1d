// Deletion protection of RDS DB instances (DeletionProtection: true) and ELBv2 load balancers
// (deletion_protection.enabled "true"): the services refuse the delete ("Cannot delete protected DB Instance, please
// disable deletion protection and try again." / "Load balancer '<arn>' cannot be deleted because deletion protection
// is enabled"), so DeleteStack ends DELETE_FAILED. During an update's cleanup AWS gives up on such a resource and
// still completes the update (user guide: "Monitor the progress of a stack update"); the resource leaves the stack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateStackCommand, DeleteStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand, UpdateStackCommand } from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { resourceStatuses, stackStatuses, waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(() => sandbox.close());

const RDS_MESSAGE = 'Resource handler returned message: "Cannot delete protected DB Instance, please disable deletion protection and try again."';

const template = (protect: string, engine = "postgres", withDb = true) => `
Resources:
${withDb ? `  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: ${engine}, DBInstanceClass: db.t3.micro, AllocatedStorage: "20", DeletionProtection: ${protect} }` : ""}
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Name: protected-lb
      LoadBalancerAttributes: [{ Key: deletion_protection.enabled, Value: "${protect}" }]
Outputs:
  Lb: { Value: !Ref Lb }
`;

async function run(stackName: string, call: () => Promise<unknown>): Promise<string> {
  await call();
  return waitForStack(sandbox.cfn, stackName);
}

describe("deletion protection", () => {
  it("fails DeleteStack with the services' messages; only a delete that retains them leaves DELETE_FAILED", async () => {
    expect(await run("guarded", () => sandbox.cfn.send(new CreateStackCommand({ StackName: "guarded", TemplateBody: template("true") })))).toBe("CREATE_COMPLETE");
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "guarded" }));
    const lbArn = Stacks![0].Outputs![0].OutputValue!;
    expect(await run("guarded", () => sandbox.cfn.send(new DeleteStackCommand({ StackName: "guarded" })))).toBe("DELETE_FAILED");
    expect((await resourceStatuses(sandbox.cfn, "guarded", "Db")).slice(-1)).toEqual([`DELETE_FAILED: ${RDS_MESSAGE}`]);
    expect((await resourceStatuses(sandbox.cfn, "guarded", "Lb")).slice(-1)).toEqual([
      `DELETE_FAILED: Resource handler returned message: "Load balancer '${lbArn}' cannot be deleted because deletion protection is enabled"`,
    ]);
    const { Stacks: failed } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "guarded" }));
    expect(failed![0].StackStatusReason).toMatch(/^The following resource\(s\) failed to delete: \[(Db, Lb|Lb, Db)\]\. $/);
    // From DELETE_FAILED only another delete is possible; RetainResources leaves the protected resources behind.
    await expect(sandbox.cfn.send(new UpdateStackCommand({ StackName: "guarded", TemplateBody: template("false") })))
      .rejects.toMatchObject({ message: `Stack:${Stacks![0].StackId} is in DELETE_FAILED state and can not be updated.` });
    const retain = new DeleteStackCommand({ StackName: "guarded", RetainResources: ["Db", "Lb"] });
    expect(await run(Stacks![0].StackId!, () => sandbox.cfn.send(retain))).toBe("DELETE_COMPLETE");
  });

  it("deletes once an update has switched protection off", async () => {
    expect(await run("switched", () => sandbox.cfn.send(new CreateStackCommand({ StackName: "switched", TemplateBody: template("true") })))).toBe("CREATE_COMPLETE");
    expect(await run("switched", () => sandbox.cfn.send(new UpdateStackCommand({ StackName: "switched", TemplateBody: template("false") })))).toBe("UPDATE_COMPLETE");
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "switched" }));
    expect(await run(Stacks![0].StackId!, () => sandbox.cfn.send(new DeleteStackCommand({ StackName: "switched" })))).toBe("DELETE_COMPLETE");
  });

  it("leaves a protected resource behind when an update replaces or removes it, and completes the update", async () => {
    expect(await run("moving", () => sandbox.cfn.send(new CreateStackCommand({ StackName: "moving", TemplateBody: template("true", "mysql") })))).toBe("CREATE_COMPLETE");
    const before = await sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: "moving", LogicalResourceId: "Db" }));
    // Engine mysql -> postgres replaces the instance; the old one cannot be deleted in the cleanup phase.
    expect(await run("moving", () => sandbox.cfn.send(new UpdateStackCommand({ StackName: "moving", TemplateBody: template("true") })))).toBe("UPDATE_COMPLETE");
    expect((await resourceStatuses(sandbox.cfn, "moving", "Db")).slice(-2)).toEqual(["DELETE_IN_PROGRESS", `DELETE_FAILED: ${RDS_MESSAGE}`]);
    const after = await sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: "moving", LogicalResourceId: "Db" }));
    expect(after.StackResources![0].PhysicalResourceId).not.toBe(before.StackResources![0].PhysicalResourceId);
    expect(after.StackResources![0].ResourceStatus).toBe("UPDATE_COMPLETE");
    // Removing the protected instance from the template: DELETE_FAILED, yet the update completes without it.
    expect(await run("moving", () => sandbox.cfn.send(new UpdateStackCommand({ StackName: "moving", TemplateBody: template("true", "postgres", false) })))).toBe("UPDATE_COMPLETE");
    expect((await resourceStatuses(sandbox.cfn, "moving", "Db")).slice(-1)).toEqual([`DELETE_FAILED: ${RDS_MESSAGE}`]);
    expect((await stackStatuses(sandbox.cfn, "moving")).slice(-2)).toEqual(["UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE"]);
    const { StackResources } = await sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: "moving" }));
    expect(StackResources!.map((r) => r.LogicalResourceId)).toEqual(["Lb"]);
  });
});
