import { TEMPLATE_DIR, appTemplate, names, writeTemplate } from "../deployments/test-support/env.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { executeDeployment, requestChange } from "../deployments/commands.ts";
import { getStackDetail } from "../deployments/queries.ts";
import { finishPreview, track } from "../deployments/test-support/flow.ts";
import { startDriftDetection } from "./commands.ts";
import { refreshEnvironmentDrift } from "./refresh.ts";
import { driftedStacks, latestDriftFailure } from "./queries.ts";

// Drift end to end against the sandbox and PostgreSQL: none, then drifted (a resource really changed through the
// sandbox's control), then resolved by an update of the stack that sets the template's value again.

let sandbox: TestSandbox;
let db: Db;
let deployer: Actor;
let viewer: Actor;
let approver: Actor;
const stack = `staging-${names.app}`;

beforeAll(async () => {
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  db = await testDb();
  [deployer, viewer, approver] = await Promise.all([makeActor("deployer"), makeActor("viewer"), makeActor("approver")]);
  writeTemplate(names.app, appTemplate());
  await syncTemplateCatalog(db, TEMPLATE_DIR);
});
afterAll(() => sandbox?.close());

async function deploy(action: "create" | "update", Message: string) {
  const started = await requestChange(db, { actor: deployer, input: { environment: "staging", template: names.app, action, parameters: { Message } } });
  expect(await finishPreview(db, started.id)).toBe("ready");
  await executeDeployment(db, { actor: deployer, input: { deploymentId: started.id } });
  expect(await track(db, started.id)).toBe("succeeded");
}

/** Detect, then run the environment's refresh (what the pg-boss job does) until the detection has a result. */
async function detect() {
  const started = await startDriftDetection(db, { actor: deployer, input: { stackName: stack } });
  expect(started.status).toBe("DETECTING");
  for (let i = 0; i < 200; i++) {
    await refreshEnvironmentDrift(db, "staging", { checkEveryMs: 86_400_000, schedule: false });
    const { drift } = await getStackDetail(db, viewer, stack);
    if (drift.status !== "DETECTING") return drift;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("detection never finished");
}

async function setActual(actualProperties: Record<string, unknown>) {
  const response = await fetch(`${sandbox.url}/_sandbox/drift`, { method: "POST", body: JSON.stringify({ stackName: stack, logicalResourceId: "Param", actualProperties }) });
  expect(response.status).toBe(200);
}

describe("drift detection", () => {
  it("is NOT_CHECKED, then IN_SYNC after a detection", async () => {
    await deploy("create", "one");
    expect((await getStackDetail(db, viewer, stack)).drift).toEqual({ status: "NOT_CHECKED", checkedAt: null, resources: [] });
    const drift = await detect();
    expect(drift.status).toBe("IN_SYNC");
    expect(drift.checkedAt).toEqual(expect.any(String));
    expect(drift.resources.map((r) => [r.logicalId, r.status]).sort()).toEqual([["Group", "IN_SYNC"], ["Param", "IN_SYNC"]]);
  });

  it("finds a value changed outside CloudFormation, with expected and actual, audits drift.detected and counts the stack as drifted", async () => {
    await setActual({ Value: "edited in the console" });
    const drift = await detect();
    expect(drift.status).toBe("DRIFTED");
    expect(drift.resources.find((r) => r.logicalId === "Param")).toEqual({
      logicalId: "Param", status: "MODIFIED", differences: [{ path: "/Value", expected: "one", actual: "edited in the console" }],
    });
    const audit = await db.auditEvent.findFirst({ where: { action: "drift.detected", targetId: stack }, orderBy: { seq: "desc" } });
    expect(audit?.details).toMatchObject({ stack, environment: "staging", driftedResourceCount: 1 });
    const env = await db.environment.findUniqueOrThrow({ where: { key: "staging" } });
    expect((await driftedStacks(db, env.id, 1000)).names).toContain(stack);
  });

  it("is in sync again after an update that sets the template's value on the resource", async () => {
    await deploy("update", "two");
    const drift = await detect();
    expect(drift.status).toBe("IN_SYNC");
    const env = await db.environment.findUniqueOrThrow({ where: { key: "staging" } });
    expect((await driftedStacks(db, env.id, 1000)).names).not.toContain(stack);
  });

  it("refuses viewers and approvers, and a stack CloudFormation does not have (the failure is shown)", async () => {
    await expect(startDriftDetection(db, { actor: viewer, input: { stackName: stack } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(startDriftDetection(db, { actor: approver, input: { stackName: stack } })).rejects.toMatchObject({ code: "forbidden" });
    const env = await db.environment.findUniqueOrThrow({ where: { key: "staging" } });
    const ghost = await db.stack.create({ data: { name: `staging-${names.app}-ghost`, environmentId: env.id, templateName: names.app, region: "us-east-1", status: "CREATE_COMPLETE" } });
    await expect(startDriftDetection(db, { actor: deployer, input: { stackName: ghost.name } })).rejects.toMatchObject({ code: "not_found" });
    expect(await latestDriftFailure(db, ghost.name)).toMatchObject({ reason: expect.stringMatching(/does not exist/) });
    expect((await getStackDetail(db, viewer, ghost.name)).drift.status).toBe("NOT_CHECKED");
    await db.stack.update({ where: { id: ghost.id }, data: { deletedAt: new Date() } });
  });

  it("fails a detection whose DetectStackDrift a crash interrupted (an intent without a detection id)", async () => {
    const row = await db.stack.findUniqueOrThrow({ where: { name: stack } });
    const old = new Date(Date.now() - 10 * 60_000);
    const check = await db.driftCheck.create({ data: { stackId: row.id, status: "detecting", trigger: "manual", requestedBy: "crash", startedAt: old, heartbeatAt: old } });
    expect((await getStackDetail(db, viewer, stack)).drift.status).toBe("DETECTING");
    await refreshEnvironmentDrift(db, "staging", { checkEveryMs: 86_400_000, schedule: false });
    expect((await db.driftCheck.findUniqueOrThrow({ where: { id: check.id } })).status).toBe("failed");
    expect((await getStackDetail(db, viewer, stack)).drift.status).toBe("IN_SYNC");
  });
});
