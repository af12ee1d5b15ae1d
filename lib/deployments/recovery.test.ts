import { TEMPLATE_DIR, fault, names, pairTemplate, secretTemplate, writeTemplate } from "./test-support/env.ts";
import { withAwsTarget } from "../aws/target-context.ts";
import { BASE_TARGET } from "../aws/testing.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { executeChangeSet } from "../aws/cloudformation.ts";
import { continueRollback, executeDeployment, requestChange, rollbackFailedStack } from "./commands.ts";
import { getDeployment, getStackDetail } from "./queries.ts";
import { finishPreview, track } from "./test-support/flow.ts";
import { planRollback } from "./change-plan.ts";

// Recovery from the two stuck states: UPDATE_ROLLBACK_FAILED (ContinueUpdateRollback) and a failed operation
// kept with rollback disabled (RollbackStack), against the sandbox and PostgreSQL.

let sandbox: TestSandbox;
let db: Db;
let deployer: Actor;

beforeAll(async () => {
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  db = await testDb();
  deployer = await makeActor("deployer");
});
afterAll(() => sandbox?.close());

async function previewed(template: string, action: "create" | "update", parameters: Record<string, string> = {}) {
  const started = await requestChange(db, { actor: deployer, input: { environment: "staging", template, action, parameters } });
  expect(await finishPreview(db, started.id)).toBe("ready");
  return started.id;
}

async function deploy(template: string, action: "create" | "update", parameters: Record<string, string> = {}) {
  const id = await previewed(template, action, parameters);
  await executeDeployment(db, { actor: deployer, input: { deploymentId: id } });
  return { id, status: await track(db, id) };
}

describe("recovery", () => {
  it("continues a rollback that failed, skipping the resource that cannot be rolled back", async () => {
    const stack = `staging-${names.stuck}`;
    // The first version's Param refuses updates, so rolling Param back to it fails.
    writeTemplate(names.stuck, pairTemplate({ paramFault: fault("Update", "Parameter locked") }));
    await syncTemplateCatalog(db, TEMPLATE_DIR);
    expect((await deploy(names.stuck, "create")).status).toBe("succeeded");
    writeTemplate(names.stuck, pairTemplate({ bucketFault: fault("Update", "Tagging denied"), value: "two" }));
    await syncTemplateCatalog(db, TEMPLATE_DIR);
    const failed = await deploy(names.stuck, "update");
    expect(failed.status).toBe("failed");
    expect((await getDeployment(db, deployer, failed.id)).resultReason).toMatch(/^Failed and the rollback could not finish \(Bucket failed: Tagging denied\); continue the rollback/);
    expect((await getStackDetail(db, deployer, stack)).allowedActions).toEqual(["continue-rollback", "delete"]);

    await expect(rollbackFailedStack(db, { actor: deployer, input: { stackName: stack } })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Allowed now: continue-rollback, delete") });
    const recovery = await continueRollback(db, { actor: deployer, input: { stackName: stack, resourcesToSkip: ["Param"] } });
    expect(recovery).toMatchObject({ action: "rollback", status: "deploying", note: "Continue rollback, skipping Param" });
    expect(await track(db, recovery.id)).toBe("rolled_back");
    const detail = await getStackDetail(db, deployer, stack);
    expect(detail).toMatchObject({ status: "UPDATE_ROLLBACK_COMPLETE", allowedActions: ["update", "rollback-to-version", "delete"] });
    expect(detail.deployments.map((d) => d.status)).toEqual(["rolled_back", "failed", "succeeded"]);
  });

  it("rolls back a failed create kept with rollback disabled (RollbackStack)", async () => {
    const stack = `staging-${names.kept}`;
    writeTemplate(names.kept, pairTemplate({ bucketFault: fault("Create", "No capacity") }));
    await syncTemplateCatalog(db, TEMPLATE_DIR);
    const id = await previewed(names.kept, "create");
    // Users cannot disable rollback; the test executes the change set itself to get a CREATE_FAILED stack.
    const row = await db.deployment.findUniqueOrThrow({ where: { id }, select: { changeSetId: true } });
    await withAwsTarget(BASE_TARGET, () => executeChangeSet("us-east-1", { changeSetId: row.changeSetId!, stackName: stack, clientRequestToken: id, disableRollback: true }));
    await db.deployment.update({ where: { id }, data: { status: "deploying", startedAt: new Date(), executedById: deployer.userId } });
    expect(await track(db, id)).toBe("failed");
    expect((await getDeployment(db, deployer, id)).resultReason).toBe("Failed: Bucket failed: No capacity.");
    expect((await getStackDetail(db, deployer, stack)).allowedActions).toEqual(["roll-back", "delete"]);

    await expect(continueRollback(db, { actor: deployer, input: { stackName: stack } })).rejects.toMatchObject({ code: "conflict" });
    const recovery = await rollbackFailedStack(db, { actor: deployer, input: { stackName: stack } });
    expect(await track(db, recovery.id)).toBe("rolled_back");
    const detail = await getStackDetail(db, deployer, stack);
    expect(detail).toMatchObject({ status: "ROLLBACK_COMPLETE", allowedActions: ["delete"] });
    await expect(requestChange(db, { actor: deployer, input: { environment: "staging", template: names.kept, action: "update", parameters: {} } }))
      .rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Allowed now: delete") });
  });

  it("never stores a NoEcho value, and rolls back to a version keeping it with UsePreviousValue", async () => {
    writeTemplate(names.secret, secretTemplate());
    await syncTemplateCatalog(db, TEMPLATE_DIR);
    const first = await deploy(names.secret, "create", { Message: "one", Secret: "s3cret-value" });
    expect(first.status).toBe("succeeded");
    expect((await getDeployment(db, deployer, first.id)).parameters).toEqual({ Message: "one", Secret: "****" });
    expect((await deploy(names.secret, "update", { Message: "two" })).status).toBe("succeeded");

    const stack = await db.stack.findUniqueOrThrow({ where: { name: `staging-${names.secret}` }, select: { id: true } });
    const plan = await planRollback(db, { stackId: stack.id, template: names.secret, environment: "staging", rollbackTo: first.id });
    expect(plan.send).toEqual(expect.arrayContaining([{ key: "Secret", usePreviousValue: true }, { key: "Message", value: "one" }]));
    const rollback = await requestChange(db, { actor: deployer, input: { environment: "staging", template: names.secret, action: "rollback", rollbackTo: first.id } });
    expect(await finishPreview(db, rollback.id)).toBe("ready");
    await executeDeployment(db, { actor: deployer, input: { deploymentId: rollback.id } });
    expect(await track(db, rollback.id)).toBe("succeeded");
    expect((await getStackDetail(db, deployer, `staging-${names.secret}`)).parameters).toEqual({ Message: "one", Secret: "****" });

    const leaks = await db.$queryRaw<{ n: bigint }[]>`
      SELECT (SELECT count(*) FROM deployments WHERE parameters::text LIKE '%s3cret%')
           + (SELECT count(*) FROM stacks WHERE parameters::text LIKE '%s3cret%')
           + (SELECT count(*) FROM audit_events WHERE details::text LIKE '%s3cret%') AS n`;
    expect(Number(leaks[0]!.n)).toBe(0);
  });
});
