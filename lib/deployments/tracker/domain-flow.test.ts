import { TEMPLATE_DIR, appTemplate, fault, names, writeTemplate } from "../test-support/env.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestSandbox } from "../../../sandbox/testing/harness.ts";
import type { Actor } from "../../auth/guard.ts";
import type { Db } from "../../db/client.ts";
import { makeActor, testDb } from "../../testing/fixtures.ts";
import { syncTemplateCatalog } from "../../templates/sync.ts";
import { executeDeployment, requestChange } from "../commands.ts";
import { enqueueTracking, startTracker, stopTrackingPublisher, type Tracker } from "./index.ts";
import { startSandboxForApp, useOwnDatabase, waitFor } from "./testing.ts";

// The real deployment commands with the tracker doing the following: preview -> ready, execute -> final status,
// with the web app's enqueueTracking (publisher-only pg-boss) as the hand-off.

let sandbox: TestSandbox;
let tracker: Tracker;
let db: Db;
let deployer: Actor;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  dropDatabase = await useOwnDatabase("tracker_flow");
  sandbox = await startSandboxForApp();
  db = await testDb();
  deployer = await makeActor("deployer");
  writeTemplate(names.app, appTemplate());
  await syncTemplateCatalog(db, TEMPLATE_DIR);
  tracker = await startTracker({ databaseUrl: process.env.DATABASE_URL!, pollIntervalMs: 250, sliceMs: 2_000, leaseSeconds: 3, maintenanceSeconds: 1 });
});
afterAll(async () => {
  await stopTrackingPublisher();
  await tracker?.stop();
  await sandbox?.close();
  await dropDatabase?.();
});

const statusOf = (id: string) =>
  db.deployment.findUniqueOrThrow({ where: { id }, select: { status: true, resultReason: true, resourcesDone: true, resourcesTotal: true, eventsCount: true } });

async function previewAndApply(input: Parameters<typeof requestChange>[1]["input"]) {
  const started = await requestChange(db, { actor: deployer, input });
  expect(await enqueueTracking(started.id)).toBe(true);
  await waitFor(() => statusOf(started.id), (d) => d.status !== "previewing", 20_000, "the preview");
  await executeDeployment(db, { actor: deployer, input: { deploymentId: started.id } });
  await enqueueTracking(started.id);
  return waitFor(() => statusOf(started.id), (d) => d.status !== "deploying", 30_000, "the deployment");
}

describe("tracker with the deployment commands", () => {
  it("follows a create from preview to succeeded, with progress, events and outputs", async () => {
    const result = await previewAndApply({ environment: "staging", template: names.app, action: "create", parameters: { Message: "one" } });
    expect(result).toMatchObject({ status: "succeeded", resourcesDone: 2, resourcesTotal: 2 });
    expect(result.eventsCount).toBeGreaterThanOrEqual(6);
    const stack = await db.stack.findUniqueOrThrow({ where: { name: `staging-${names.app}` }, select: { status: true, outputs: true } });
    expect(stack.status).toBe("CREATE_COMPLETE");
    expect(stack.outputs).toEqual([expect.objectContaining({ key: "ParamName" })]);
  });

  it("ends a failed update as rolled back, with the first failure's reason", async () => {
    writeTemplate(names.app, appTemplate({ paramFault: fault("Update", "Parameter quota exceeded"), description: "v2" }));
    await syncTemplateCatalog(db, TEMPLATE_DIR);
    const result = await previewAndApply({ environment: "staging", template: names.app, action: "update", parameters: { Message: "two" } });
    expect(result.status).toBe("rolled_back");
    expect(result.resultReason).toMatch(/Parameter quota exceeded/);
  });
});
