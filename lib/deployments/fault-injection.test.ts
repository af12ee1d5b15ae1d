import { chainOfParameters, names } from "./test-support/env.ts";
import { describe, expect, it } from "vitest";
import { DescribeChangeSetCommand } from "@aws-sdk/client-cloudformation";
import { pollDeployment } from "./tracker/poll.ts";
import { executeDeployment, requestChange } from "./commands.ts";
import { finishPreview, waitForStack } from "./test-support/flow.ts";
import { crashAt, faultWorld, recover } from "./test-support/crash.ts";
import { SimulatedCrash } from "./faults.ts";

// A "kill" after each AWS call of the change path (and between each intent and its call), then what the next
// process does: the reconciler settles the deployment with CloudFormation. Each ends in the state that matches
// what CloudFormation did, with every event of the operation stored once and the stack's slot released.
// (Recovery operations: fault-injection-recovery.test.ts.)

const template = names.fault;
const w = faultWorld("faults", { [template]: chainOfParameters(2) });
const { expectSettled, recoverFirst } = w;
let n = 0;

const stackName = () => `staging-${template}-s${++n}`;
const change = (stack: string, action: "create" | "update" | "delete", Message = "one") =>
  ({ environment: "staging", template, stackName: stack, action, parameters: action === "delete" ? {} : { Message }, ...(action === "delete" ? { confirmName: stack } : {}) });
const latest = async (stack: string) => (await w.db.deployment.findFirstOrThrow({ where: { stack: { name: stack } }, orderBy: { createdAt: "desc" }, select: { id: true } })).id;
const detail = (id: string) => w.db.deployment.findUniqueOrThrow({ where: { id }, select: { status: true, resultReason: true, stack: { select: { deletedAt: true } } } });

async function ready(stack: string, action: "create" | "update" | "delete", Message?: string): Promise<string> {
  const started = await requestChange(w.db, { actor: w.deployer, input: change(stack, action, Message) });
  if (action !== "delete") expect(await finishPreview(w.db, started.id)).toBe("ready");
  return started.id;
}

async function deployed(stack: string): Promise<void> {
  const id = await ready(stack, "create");
  await executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id } });
  expect(await recover(w.db, id)).toBe("succeeded");
}

describe("a crash at each failure point of a change, then the reconciler", () => {
  it("create-change-set:before: CloudFormation never got the preview, so it fails saying so", async () => {
    const stack = stackName();
    await expect(requestChange(w.db, { actor: w.deployer, input: change(stack, "create"), faults: crashAt("create-change-set:before") })).rejects.toBeInstanceOf(SimulatedCrash);
    const id = await latest(stack);
    expect((await detail(id)).status).toBe("previewing");
    expect(await recoverFirst(id)).toBe("failed");
    expect((await detail(id)).resultReason).toMatch(/^Preview interrupted: Stackdeck stopped before CloudFormation received the request/);
    await expectSettled("create-change-set:before", id, stack, "failed");
  });

  it("create-change-set:after: the change set is found by its name and the preview completes", async () => {
    const stack = stackName();
    await expect(requestChange(w.db, { actor: w.deployer, input: change(stack, "create"), faults: crashAt("create-change-set:after") })).rejects.toBeInstanceOf(SimulatedCrash);
    const id = await latest(stack);
    expect(await w.db.deployment.findUniqueOrThrow({ where: { id }, select: { changeSetId: true } })).toEqual({ changeSetId: null });
    expect(await recoverFirst(id)).toBe("ready");
    await executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id } });
    expect(await recover(w.db, id)).toBe("succeeded");
    await expectSettled("create-change-set:after", id, stack, "succeeded");
    // The new stack's REVIEW_IN_PROGRESS event (written by CreateChangeSet) is part of its history.
    expect(await w.db.stackEvent.count({ where: { deploymentId: id, status: "REVIEW_IN_PROGRESS" } })).toBe(1);
  });

  it("describe-change-set:after: the computed preview is picked up again", async () => {
    const stack = stackName();
    const started = await requestChange(w.db, { actor: w.deployer, input: change(stack, "create") });
    let result: unknown;
    for (let i = 0; i < 200 && result === undefined; i++) {
      try {
        if ((await pollDeployment({ db: w.db, clockSkewMs: 0, faults: crashAt("describe-change-set:after") }, started.id)) === "done") result = "done";
      } catch (error) {
        result = error;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(result).toBeInstanceOf(SimulatedCrash);
    expect(await recoverFirst(started.id)).toBe("ready");
    await executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: started.id } });
    expect(await recover(w.db, started.id)).toBe("succeeded");
    await expectSettled("describe-change-set:after", started.id, stack, "succeeded");
  });

  it("execute-change-set:before: the change set was never executed, so it is ready again and deploys once", async () => {
    const stack = stackName();
    const id = await ready(stack, "create");
    await expect(executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id }, faults: crashAt("execute-change-set:before") })).rejects.toBeInstanceOf(SimulatedCrash);
    expect((await detail(id)).status).toBe("executing");
    expect(await recoverFirst(id)).toBe("ready");
    expect(await w.db.auditEvent.count({ where: { action: "deployment.execution_abandoned", details: { path: ["deploymentId"], equals: id } } })).toBe(1);
    await executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id } });
    expect(await recover(w.db, id)).toBe("succeeded");
    await expectSettled("execute-change-set:before", id, stack, "succeeded");
  });

  it("execute-change-set:after: CloudFormation runs it, so it is tracked to the end without a second execute", async () => {
    const stack = stackName();
    const id = await ready(stack, "create");
    await expect(executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id }, faults: crashAt("execute-change-set:after") })).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await recoverFirst(id)).toBe("succeeded");
    await expectSettled("execute-change-set:after", id, stack, "succeeded");
    const row = await w.db.deployment.findUniqueOrThrow({ where: { id }, select: { changeSetId: true } });
    const cs = await w.sandbox.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: row.changeSetId!, StackName: stack })).catch(() => null);
    expect(cs?.ExecutionStatus ?? "EXECUTE_COMPLETE").toBe("EXECUTE_COMPLETE");
  });

  it("delete-stack:before: nothing was deleted, the delete is ready again", async () => {
    const stack = stackName();
    await deployed(stack);
    const id = await ready(stack, "delete");
    await expect(executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id }, faults: crashAt("delete-stack:before") })).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await recoverFirst(id)).toBe("ready");
    expect(await waitForStack("us-east-1", stack)).toBe("CREATE_COMPLETE");
    await executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id } });
    expect(await recover(w.db, id)).toBe("succeeded");
    await expectSettled("delete-stack:before", id, stack, "succeeded");
    expect((await detail(id)).stack.deletedAt).not.toBeNull();
  });

  it("delete-stack:after: the delete runs and is tracked to the end", async () => {
    const stack = stackName();
    await deployed(stack);
    const id = await ready(stack, "delete");
    await expect(executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id }, faults: crashAt("delete-stack:after") })).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await recoverFirst(id)).toBe("succeeded");
    await expectSettled("delete-stack:after", id, stack, "succeeded");
  });

  it.each(["describe-stack-events:after", "describe-stacks-final:after"] as const)("%s: the tracker dies mid-poll; nothing is lost", async (point) => {
    const stack = stackName();
    const id = await ready(stack, "create");
    await executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id } });
    await waitForStack("us-east-1", stack);
    await expect(pollDeployment({ db: w.db, clockSkewMs: 0, faults: crashAt(point) }, id)).rejects.toBeInstanceOf(SimulatedCrash);
    expect((await detail(id)).status).toBe("deploying");
    expect(await recoverFirst(id)).toBe("succeeded");
    await expectSettled(point, id, stack, "succeeded");
  });
});
