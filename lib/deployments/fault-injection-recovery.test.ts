import { TEMPLATE_DIR, chainOfParameters, fault, names, pairTemplate, writeTemplate } from "./test-support/env.ts";
import { withAwsTarget } from "../aws/target-context.ts";
import { BASE_TARGET } from "../aws/testing.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { describe, expect, it } from "vitest";
import { executeChangeSet } from "../aws/cloudformation.ts";
import { cancelDeployment, continueRollback, executeDeployment, requestChange, rollbackFailedStack } from "./commands.ts";
import { commitTransition } from "./state-machine.ts";
import { finishPreview, waitForStack } from "./test-support/flow.ts";
import { crashAt, faultWorld, recover } from "./test-support/crash.ts";
import { SimulatedCrash } from "./faults.ts";

// The recovery operations' failure points: CancelUpdateStack, ContinueUpdateRollback and RollbackStack, each
// "killed" before and after its call, then settled by the reconciler (see fault-injection.test.ts).

const w = faultWorld("faults_recovery", { [names.chain]: chainOfParameters(12) });
const { expectSettled, recoverFirst } = w;
let n = 0;

async function deploy(template: string, stackName: string, action: "create" | "update", parameters: Record<string, string> = {}) {
  const started = await requestChange(w.db, { actor: w.deployer, input: { environment: "staging", template, stackName, action, parameters } });
  expect(await finishPreview(w.db, started.id)).toBe("ready");
  await executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: started.id } });
  return started.id;
}

async function sync(template: string, body: string) {
  writeTemplate(template, body);
  await syncTemplateCatalog(w.db, TEMPLATE_DIR);
}

/** A stack in UPDATE_ROLLBACK_FAILED: its first version's Param refuses updates, so rolling back to it fails. */
async function stuckStack(): Promise<string> {
  const stack = `staging-${names.stuck}-s${++n}`;
  await sync(names.stuck, pairTemplate({ paramFault: fault("Update", "Parameter locked") }));
  expect(await recover(w.db, await deploy(names.stuck, stack, "create"))).toBe("succeeded");
  await sync(names.stuck, pairTemplate({ bucketFault: fault("Update", "Tagging denied"), value: "two" }));
  expect(await recover(w.db, await deploy(names.stuck, stack, "update"))).toBe("failed");
  return stack;
}

/** A stack in CREATE_FAILED (rollback disabled, which users cannot choose: the test executes the change set itself). */
async function failedCreate(): Promise<string> {
  const stack = `staging-${names.kept}-s${++n}`;
  await sync(names.kept, pairTemplate({ bucketFault: fault("Create", "No capacity") }));
  const started = await requestChange(w.db, { actor: w.deployer, input: { environment: "staging", template: names.kept, stackName: stack, action: "create", parameters: {} } });
  expect(await finishPreview(w.db, started.id)).toBe("ready");
  const row = await w.db.deployment.findUniqueOrThrow({ where: { id: started.id }, select: { changeSetId: true } });
  await commitTransition(w.db, started.id, "ready", "executing", { executedById: w.deployer.userId, audit: { actor: w.deployer } });
  await withAwsTarget(BASE_TARGET, () => executeChangeSet("us-east-1", { changeSetId: row.changeSetId!, stackName: stack, clientRequestToken: started.id, disableRollback: true }));
  await commitTransition(w.db, started.id, "executing", "deploying", { startedAt: new Date(Date.now() - 1000), audit: { actor: "system" } });
  expect(await recover(w.db, started.id)).toBe("failed");
  return stack;
}

const latestOf = async (stack: string) => (await w.db.deployment.findFirstOrThrow({ where: { stack: { name: stack } }, orderBy: { createdAt: "desc" }, select: { id: true } })).id;

describe("a crash at each failure point of a recovery, then the reconciler", () => {
  it.each(["cancel-update-stack:before", "cancel-update-stack:after"] as const)("%s: the cancel is (re)sent and the update ends cancelled", async (point) => {
    const stack = `staging-${names.chain}-s${++n}`;
    expect(await recover(w.db, await deploy(names.chain, stack, "create", { Message: "one" }))).toBe("succeeded");
    await w.sandbox.config({ speed: 0.05 }); // 12 parameters x 3 s x 0.05: the update runs for about two seconds
    try {
      const id = await deploy(names.chain, stack, "update", { Message: "two" });
      await expect(cancelDeployment(w.db, { actor: w.deployer, input: { deploymentId: id }, faults: crashAt(point) })).rejects.toBeInstanceOf(SimulatedCrash);
      expect((await w.db.deployment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe("cancelling");
      expect(await recoverFirst(id)).toBe("cancelled");
      await expectSettled(point, id, stack, "cancelled");
      expect(await waitForStack("us-east-1", stack)).toBe("UPDATE_ROLLBACK_COMPLETE");
    } finally {
      await w.sandbox.config({ speed: 0.0005 });
    }
  });

  it("continue-update-rollback:before: CloudFormation never got it; the recovery fails saying so and can be started again", async () => {
    const stack = await stuckStack();
    const input = { stackName: stack, resourcesToSkip: ["Param"] };
    await expect(continueRollback(w.db, { actor: w.deployer, input, faults: crashAt("continue-update-rollback:before") })).rejects.toBeInstanceOf(SimulatedCrash);
    const id = await latestOf(stack);
    expect(await recoverFirst(id)).toBe("failed");
    expect(await waitForStack("us-east-1", stack)).toBe("UPDATE_ROLLBACK_FAILED");
    await expectSettled("continue-update-rollback:before", id, stack, "failed");
    const again = await continueRollback(w.db, { actor: w.deployer, input });
    expect(await recover(w.db, again.id)).toBe("rolled_back");
  });

  it("continue-update-rollback:after: the rollback runs and is tracked to the end", async () => {
    const stack = await stuckStack();
    await expect(continueRollback(w.db, { actor: w.deployer, input: { stackName: stack, resourcesToSkip: ["Param"] }, faults: crashAt("continue-update-rollback:after") })).rejects.toBeInstanceOf(SimulatedCrash);
    const id = await latestOf(stack);
    expect(await recoverFirst(id)).toBe("rolled_back");
    await expectSettled("continue-update-rollback:after", id, stack, "rolled_back");
  });

  it("rollback-stack:before: CloudFormation never got it; the recovery fails saying so and can be started again", async () => {
    const stack = await failedCreate();
    await expect(rollbackFailedStack(w.db, { actor: w.deployer, input: { stackName: stack }, faults: crashAt("rollback-stack:before") })).rejects.toBeInstanceOf(SimulatedCrash);
    const id = await latestOf(stack);
    expect(await recoverFirst(id)).toBe("failed");
    await expectSettled("rollback-stack:before", id, stack, "failed");
    const again = await rollbackFailedStack(w.db, { actor: w.deployer, input: { stackName: stack } });
    expect(await recover(w.db, again.id)).toBe("rolled_back");
  });

  it("rollback-stack:after: the rollback runs and is tracked to the end", async () => {
    const stack = await failedCreate();
    await expect(rollbackFailedStack(w.db, { actor: w.deployer, input: { stackName: stack }, faults: crashAt("rollback-stack:after") })).rejects.toBeInstanceOf(SimulatedCrash);
    const id = await latestOf(stack);
    expect(await recoverFirst(id)).toBe("rolled_back");
    await expectSettled("rollback-stack:after", id, stack, "rolled_back");
    expect(await waitForStack("us-east-1", stack)).toBe("ROLLBACK_COMPLETE");
  });
});
