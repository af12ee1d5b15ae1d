import { TEMPLATE_DIR, appTemplate, consumerTemplate, names, secretTemplate, writeTemplate } from "../deployments/test-support/env.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpdateTerminationProtectionCommand } from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { executeDeployment, requestChange } from "../deployments/commands.ts";
import { advanceAutoExecute } from "../deployments/auto-execute.ts";
import { finishPreview, track } from "../deployments/test-support/flow.ts";
import { describeStack as describeIn } from "../aws/cloudformation.ts";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import { createTeardownSchedule, cancelTeardownSchedule } from "./commands.ts";
import { listTeardownSchedules, projectedTeardownSavings, teardownSavings } from "./queries.ts";
import { runTeardownTick, type StartDeployment } from "./runner.ts";

/** What CloudFormation in staging's account says of a stack. */
const describeStack = (region: string, name: string) => withEnvironmentTarget(db, "staging", null, () => describeIn(region, name));

// A whole staging platform torn down on a weekly window and recreated at its end, against the sandbox and
// PostgreSQL, with the clock passed in (no waiting for 20:00): the importing stack goes first, the exporting one
// after it; a stack with termination protection stays, named with its reason; a retained data store is named;
// at the window's end the stacks come back from their last deployment's parameters, exporter first.

let sandbox: TestSandbox;
let db: Db;
let deployer: Actor;
let admin: Actor;
let viewer: Actor;
const keeper = `${names.app}keep`;
const stacks = { app: `staging-${names.app}`, consumer: `staging-${names.consumer}`, secret: `staging-${names.secret}`, keeper: `staging-${keeper}` };

const keeperTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  Stackdeck: { Title: Keeper, Description: test template, Category: data, DependsOn: [], UserParameters: [] }
Resources:
  Archive:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
`;

/** What the tracker does, inline: a delete applies at once (autoExecute), a create after its preview. */
const start: StartDeployment = async (actor, input) => {
  const d = await requestChange(db, { actor, input });
  if (input.action === "delete") await advanceAutoExecute(db, d.id);
  else await finishPreview(db, d.id);
  await track(db, d.id);
  return d;
};

async function deploy(template: string, parameters: Record<string, string> = {}) {
  const d = await requestChange(db, { actor: deployer, input: { environment: "staging", template, action: "create", parameters } });
  expect(await finishPreview(db, d.id)).toBe("ready");
  await executeDeployment(db, { actor: deployer, input: { deploymentId: d.id } });
  expect(await track(db, d.id)).toBe("succeeded");
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  db = await testDb();
  [deployer, admin, viewer] = await Promise.all([makeActor("deployer"), makeActor("admin"), makeActor("viewer")]);
  writeTemplate(names.app, appTemplate());
  writeTemplate(names.consumer, consumerTemplate());
  writeTemplate(names.secret, secretTemplate());
  writeTemplate(keeper, keeperTemplate);
  await syncTemplateCatalog(db, TEMPLATE_DIR);
  await deploy(names.app, { Message: "kept-value" });
  await deploy(names.consumer);
  await deploy(names.secret);
  await deploy(keeper);
  await sandbox.cfn.send(new UpdateTerminationProtectionCommand({ StackName: stacks.secret, EnableTerminationProtection: true }));
});
afterAll(() => sandbox?.close());

const mine = (name: string) => Object.values(stacks).includes(name);
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

async function lastRun(scheduleId: string) {
  return db.teardownRun.findFirstOrThrow({ where: { scheduleId }, orderBy: { windowStart: "desc" }, include: { items: { orderBy: { stackName: "asc" } } } });
}

async function tickUntil(now: Date, scheduleId: string, status: string) {
  for (let i = 0; i < 8; i++) {
    await runTeardownTick(db, "staging", { now, start });
    if ((await lastRun(scheduleId)).status === status) return lastRun(scheduleId);
  }
  throw new Error(`run never reached ${status}: ${JSON.stringify(await lastRun(scheduleId))}`);
}

describe("scheduled teardown", () => {
  it("refuses production (400) and people who may not deploy (403)", async () => {
    const body = { kind: "ttl" as const, ttlHours: 2 };
    await expect(createTeardownSchedule(db, { actor: admin, input: { environment: "production", ...body } })).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/cannot be torn down/) });
    await expect(createTeardownSchedule(db, { actor: viewer, input: { environment: "staging", ...body } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createTeardownSchedule(db, { actor: deployer, input: { environment: "staging", kind: "window", days: [1] } })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("warns, tears down in reverse dependency order, names what stays and what is kept, then recreates from the last deployment", async () => {
    // A window starting in an hour, three hours long, every day (UTC), so the test is independent of the weekday.
    const base = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
    const now0 = at(base, -60);
    const schedule = await createTeardownSchedule(db, {
      actor: deployer, now: now0,
      input: { environment: "staging", kind: "window", days: [1, 2, 3, 4, 5, 6, 7], start: hhmm(base), end: hhmm(at(base, 180)), timeZone: "UTC", warnMinutes: 30 },
    });
    expect(schedule).toMatchObject({ stackName: null, recreate: true, next: { start: base.toISOString(), end: at(base, 180).toISOString() } });
    expect((await projectedTeardownSavings(db, viewer, "staging", now0)).hoursPerWeek).toBeGreaterThanOrEqual(7 * 3);

    await runTeardownTick(db, "staging", { now: now0, start });
    expect(await db.teardownRun.count({ where: { scheduleId: schedule.id } })).toBe(0);
    await runTeardownTick(db, "staging", { now: at(base, -20), start });
    await runTeardownTick(db, "staging", { now: at(base, -19), start }); // twice: still one warning
    expect((await lastRun(schedule.id)).status).toBe("warned");
    const due = await db.auditEvent.findMany({ where: { action: "teardown.due", targetId: schedule.id } });
    expect(due).toHaveLength(1);
    expect(due[0]!.details).toMatchObject({ time: base.toISOString(), stacks: expect.arrayContaining(Object.values(stacks)) });

    const down = await tickUntil(at(base, 1), schedule.id, "down");
    const item = (name: string) => down.items.find((i) => i.stackName === name)!;
    expect(item(stacks.consumer).state).toBe("deleted");
    expect(item(stacks.app).state).toBe("deleted");
    expect(item(stacks.keeper)).toMatchObject({ state: "deleted", retained: ["Archive (AWS::S3::Bucket, kept)"] });
    expect(item(stacks.secret)).toMatchObject({ state: "skipped", reason: "termination protection is on" });
    expect(await describeStack("us-east-1", stacks.app)).toBeNull();
    expect(await describeStack("us-east-1", stacks.secret)).not.toBeNull();
    const deletes = await db.deployment.findMany({ where: { action: "delete", clientToken: { startsWith: "teardown-" }, stack: { name: { in: [stacks.app, stacks.consumer] } } }, orderBy: { createdAt: "asc" }, select: { stack: { select: { name: true } } } });
    expect(deletes.map((d) => d.stack.name)).toEqual([stacks.consumer, stacks.app]);
    const completed = await db.auditEvent.findFirstOrThrow({ where: { action: "teardown.completed", targetId: schedule.id } });
    expect(completed.details).toMatchObject({ retained: ["Archive (AWS::S3::Bucket, kept)"], notDeleted: expect.arrayContaining([`${stacks.secret}: termination protection is on`]) });

    // Ticks during the window change nothing.
    await runTeardownTick(db, "staging", { now: at(base, 90), start });
    expect((await lastRun(schedule.id)).status).toBe("down");

    const recreated = await tickUntil(at(base, 181), schedule.id, "recreated");
    for (const name of [stacks.app, stacks.consumer, stacks.keeper]) expect(recreated.items.find((i) => i.stackName === name)!.state).toBe("recreated");
    expect((await describeStack("us-east-1", stacks.app))?.parameters.Message).toBe("kept-value");
    expect((await describeStack("us-east-1", stacks.consumer))?.status).toBe("CREATE_COMPLETE");
    const creates = await db.deployment.findMany({ where: { clientToken: { startsWith: "teardown-recreate-" }, stack: { name: { in: [stacks.app, stacks.consumer] } } }, orderBy: { createdAt: "asc" }, select: { stack: { select: { name: true } } } });
    expect(creates.map((d) => d.stack.name)).toEqual([stacks.app, stacks.consumer]);
    expect(await db.auditEvent.count({ where: { action: "teardown.recreated", targetId: schedule.id } })).toBe(1);

    // Three of my stacks were down for three hours less a minute each; other files' stacks in the shared database are
    // not in this sandbox, so nothing was deleted for them.
    const savings = await teardownSavings(db, viewer, "staging", new Date());
    expect(savings.hours).toBeGreaterThanOrEqual(3 * 3 - 0.1);
    expect(savings.saved).toBeGreaterThanOrEqual(0);
    for (const i of recreated.items.filter((x) => !mine(x.stackName))) expect(i.state).not.toBe("deleted");

    const listed = await listTeardownSchedules(db, viewer, { environment: "staging" }, at(base, 200));
    expect(listed.items.find((s) => s.id === schedule.id)).toMatchObject({ lastRun: { status: "recreated" } });
    await cancelTeardownSchedule(db, { actor: deployer, input: { id: schedule.id } });
    expect((await listTeardownSchedules(db, viewer, { environment: "staging" })).items.some((s) => s.id === schedule.id)).toBe(false);
  });

  it("a time to live: a crash after the delete was sent is picked up by the next tick with the same deployment", async () => {
    const now = new Date();
    const ttl = await createTeardownSchedule(db, { actor: deployer, now, input: { environment: "staging", stackName: stacks.keeper, kind: "ttl", expiresAt: now.toISOString(), warnMinutes: 0 } });
    expect(ttl).toMatchObject({ kind: "ttl", recreate: false, next: { start: now.toISOString(), end: null } });
    let crashed = 0;
    const crashing: StartDeployment = async (actor, input) => {
      await requestChange(db, { actor, input });
      crashed++;
      throw new Error("worker killed after the delete was sent");
    };
    await runTeardownTick(db, "staging", { now, start: crashing });
    await runTeardownTick(db, "staging", { now, start: crashing });
    expect(crashed).toBe(1); // the second tick found the deployment by its client token instead of asking again
    let run = await lastRun(ttl.id);
    expect(run.items).toMatchObject([{ stackName: stacks.keeper, state: "deleting" }]);
    const deployment = await db.deployment.findUniqueOrThrow({ where: { clientToken: `teardown-${run.items[0]!.id}` } });
    await advanceAutoExecute(db, deployment.id);
    await track(db, deployment.id);
    run = await tickUntil(now, ttl.id, "down");
    expect(run.items).toMatchObject([{ stackName: stacks.keeper, state: "deleted", retained: ["Archive (AWS::S3::Bucket, kept)"] }]);
    expect(await db.deployment.count({ where: { action: "delete", stack: { name: stacks.keeper }, createdAt: { gte: now } } })).toBe(1);
    await cancelTeardownSchedule(db, { actor: deployer, input: { id: ttl.id } });
  });
});
