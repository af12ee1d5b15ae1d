// Faults on demand (Metadata.SandboxFault): create and update rollbacks, cancel, UPDATE_ROLLBACK_FAILED with
// ContinueUpdateRollback, and DisableRollback with RollbackStack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CancelUpdateStackCommand, ContinueUpdateRollbackCommand, CreateStackCommand, DescribeStacksCommand, RollbackStackCommand,
  UpdateStackCommand,
} from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { resourceStatuses, stackStatuses, waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(() => sandbox.close());

const fault = (operation: string, reason: string) => `
    Metadata:
      SandboxFault: { Operation: ${operation}, Reason: "${reason}" }`;

const twoResources = (queueFault = "", topicDesc = "one", tableFault = "") => `
Resources:
  Group:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: 7 }
  Bucket:
    Type: AWS::S3::Bucket${queueFault}
    Properties: { Tags: [{ Key: v, Value: ${topicDesc} }] }
  Param:
    Type: AWS::SSM::Parameter${tableFault}
    Properties: { Type: String, Value: ${topicDesc} }
`;

async function statusReason(name: string): Promise<string | undefined> {
  const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: name }));
  return Stacks?.[0]?.StackStatusReason;
}

async function waitForResource(stackName: string, logicalId: string, status: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await resourceStatuses(sandbox.cfn, stackName, logicalId)).at(-1) === status) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${logicalId} never reached ${status}`);
}

describe("failures and recovery", () => {
  it("rolls a failed create back to ROLLBACK_COMPLETE", async () => {
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "bad-create", TemplateBody: twoResources(fault("Create", "Bucket quota exceeded")) }));
    expect(await waitForStack(sandbox.cfn, "bad-create")).toBe("ROLLBACK_COMPLETE");
    expect(await stackStatuses(sandbox.cfn, "bad-create")).toEqual(["CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"]);
    expect(await resourceStatuses(sandbox.cfn, "bad-create", "Bucket")).toEqual([
      "CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS: Resource creation Initiated", "CREATE_FAILED: Bucket quota exceeded",
      "DELETE_IN_PROGRESS", "DELETE_COMPLETE",
    ]);
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "bad-create" }));
    expect(Stacks?.[0]?.StackStatusReason).toBeUndefined();
    await expect(sandbox.cfn.send(new UpdateStackCommand({ StackName: "bad-create", TemplateBody: twoResources() })))
      .rejects.toThrow(/is in ROLLBACK_COMPLETE state and can not be updated\.$/);
  });

  it("rolls a failed update back to UPDATE_ROLLBACK_COMPLETE", async () => {
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "bad-update", TemplateBody: twoResources() }));
    expect(await waitForStack(sandbox.cfn, "bad-update")).toBe("CREATE_COMPLETE");
    await sandbox.cfn.send(new UpdateStackCommand({ StackName: "bad-update", TemplateBody: twoResources(fault("Update", "Tagging denied"), "two") }));
    expect(await waitForStack(sandbox.cfn, "bad-update")).toBe("UPDATE_ROLLBACK_COMPLETE");
    expect((await stackStatuses(sandbox.cfn, "bad-update")).slice(2)).toEqual([
      "UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE",
    ]);
    expect((await resourceStatuses(sandbox.cfn, "bad-update", "Bucket")).slice(3)).toEqual([
      "UPDATE_IN_PROGRESS", "UPDATE_FAILED: Tagging denied", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE",
    ]);
  });

  it("cancels an update in progress, which rolls it back", async () => {
    // Slow enough that the cancel lands while Param is being updated, whatever the machine's load: wait for that
    // event instead of sleeping a fixed time.
    await sandbox.config({ speed: 0.2 });
    try {
      await sandbox.cfn.send(new UpdateStackCommand({ StackName: "bad-update", TemplateBody: twoResources("", "three") }));
      await waitForResource("bad-update", "Param", "UPDATE_IN_PROGRESS");
      await sandbox.cfn.send(new CancelUpdateStackCommand({ StackName: "bad-update" }));
      expect(await waitForStack(sandbox.cfn, "bad-update")).toBe("UPDATE_ROLLBACK_COMPLETE");
      expect(await statusReason("bad-update")).toBeUndefined();
      expect((await stackStatuses(sandbox.cfn, "bad-update")).slice(-4)).toEqual([
        "UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE",
      ]);
      expect((await resourceStatuses(sandbox.cfn, "bad-update", "Param")).slice(-3)).toEqual(["UPDATE_FAILED: Resource update cancelled", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE"]);
    } finally {
      await sandbox.config({ speed: 0.001 });
    }
    await expect(sandbox.cfn.send(new CancelUpdateStackCommand({ StackName: "bad-update" })))
      .rejects.toMatchObject({ message: "CancelUpdateStack cannot be called from current stack status" });
  });

  it("continues a failed update rollback by skipping the resource that cannot be rolled back", async () => {
    // The old definition of Param fails updates, so rolling Param back fails.
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "stuck", TemplateBody: twoResources("", "one", fault("Update", "Parameter locked")) }));
    expect(await waitForStack(sandbox.cfn, "stuck")).toBe("CREATE_COMPLETE");
    await sandbox.cfn.send(new UpdateStackCommand({ StackName: "stuck", TemplateBody: twoResources(fault("Update", "Tagging denied"), "two") }));
    expect(await waitForStack(sandbox.cfn, "stuck")).toBe("UPDATE_ROLLBACK_FAILED");
    expect(await statusReason("stuck")).toBe("The following resource(s) failed to update: [Param]. ");
    await sandbox.cfn.send(new ContinueUpdateRollbackCommand({ StackName: "stuck", ResourcesToSkip: ["Param"] }));
    expect(await waitForStack(sandbox.cfn, "stuck")).toBe("UPDATE_ROLLBACK_COMPLETE");
    expect((await stackStatuses(sandbox.cfn, "stuck")).slice(2)).toEqual([
      "UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED",
      "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE",
    ]);
    expect((await resourceStatuses(sandbox.cfn, "stuck", "Param")).slice(-1)).toEqual(["UPDATE_COMPLETE"]);
  });

  it("keeps a failed create with DisableRollback and rolls it back on RollbackStack", async () => {
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "kept", DisableRollback: true, TemplateBody: twoResources(fault("Create", "No capacity")) }));
    expect(await waitForStack(sandbox.cfn, "kept")).toBe("CREATE_FAILED");
    expect(await statusReason("kept")).toBe("The following resource(s) failed to create: [Bucket]. ");
    await sandbox.cfn.send(new RollbackStackCommand({ StackName: "kept" }));
    expect(await waitForStack(sandbox.cfn, "kept")).toBe("ROLLBACK_COMPLETE");
    expect(await stackStatuses(sandbox.cfn, "kept")).toEqual(["CREATE_IN_PROGRESS", "CREATE_FAILED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"]);
  });
});
