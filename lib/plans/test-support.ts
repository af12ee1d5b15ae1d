import os from "node:os";
import path from "node:path";
import { rmSync } from "node:fs";
import { vi } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import { createDb, type Db } from "../db/client.ts";
import { seed } from "../db/seed.ts";
import { createScratchDatabaseWithRoles } from "../testing/scratch-roles.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { startTracker, stopTrackingPublisher, type Tracker } from "../deployments/tracker/index.ts";
import { createUser } from "../users/commands.ts";
import { loadActor } from "../auth/actors.ts";
import type { Actor } from "../auth/guard.ts";
import type { RoleName } from "../auth/roles.ts";
import { getPlan } from "./queries.ts";
import { startPlan } from "./start.ts";
import type { PlanDto, PlanStatus } from "./types.ts";

// A console of its own for the plan tests: a fresh database with the catalog (the real one unless the test points
// STACKDECK_TEMPLATES_DIR elsewhere), a sandbox, and the tracker with the plan runner, all at test speed.

export interface PlatformConsole {
  db: Db;
  sandbox: TestSandbox;
  actor(role: RoleName, label?: string): Promise<Actor>;
  waitForPlan(actor: Actor, id: string, statuses: PlanStatus[], timeoutMs?: number): Promise<PlanDto>;
  close(): Promise<void>;
}

export async function startPlatformConsole({ speed = 0.002, prefix = "stackdeck_plans" } = {}): Promise<PlatformConsole> {
  const scratch = await createScratchDatabaseWithRoles(process.env.STACKDECK_TEST_SERVER_URL ?? process.env.DATABASE_URL!, prefix);
  const sandbox = await startTestSandbox({ speed });
  vi.stubEnv("DATABASE_URL", scratch.appUrl);
  vi.stubEnv("AUDIT_CHECKPOINT_FILE", path.join(os.tmpdir(), `${scratch.name}-checkpoints.jsonl`));
  vi.stubEnv("PLAN_PASS_MS", "100");
  for (const [k, v] of Object.entries({ AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" })) vi.stubEnv(k, v);
  const db = createDb(scratch.appUrl);
  await seed(db, { demo: false });
  await syncTemplateCatalog(db);
  const tracker: Tracker = await startTracker({ databaseUrl: scratch.appUrl, pollIntervalMs: 100, fetchIntervalSeconds: 0.5 });
  let n = 0;
  return {
    db,
    sandbox,
    async actor(role, label = role) {
      const email = `${label}-${++n}@plans.test`;
      const { id } = await createUser(db, { actor: "system", input: { email, name: label, password: "correct horse battery", role, environment: "*" } });
      return (await loadActor(db, id))!;
    },
    async waitForPlan(actor, id, statuses, timeoutMs = 120_000) {
      const until = Date.now() + timeoutMs;
      let plan = await getPlan(db, actor, id);
      while (!statuses.includes(plan.status)) {
        if (Date.now() > until) throw new Error(`plan ${id} is ${plan.status}: ${JSON.stringify(plan.stacks.map((s) => [s.template, s.status, s.reason]))} ${plan.resultReason}`);
        await new Promise((r) => setTimeout(r, 200));
        plan = await getPlan(db, actor, id);
      }
      return plan;
    },
    async close() {
      await tracker.stop();
      await stopTrackingPublisher();
      await db.$disconnect();
      await sandbox.close();
      await scratch.drop();
      rmSync(path.join(os.tmpdir(), `${scratch.name}-checkpoints.jsonl`), { force: true });
      vi.unstubAllEnvs();
    },
  };
}

/** Creates a plan the way the API does (with the nudge to the runner) and returns its id. */
export async function startPlanId(db: Db, command: Parameters<typeof startPlan>[1]): Promise<string> {
  return (await startPlan(db, command)).id;
}
