import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import { createDb, type Db } from "../db/client.ts";
import { seed } from "../db/seed.ts";
import { createScratchDatabaseWithRoles } from "../testing/scratch-roles.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { startTracker, stopTrackingPublisher, type Tracker } from "../deployments/tracker/index.ts";
import { describeAlarmsByName } from "../aws/cloudwatch.ts";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import { seedDemo } from "./seed.ts";
import { DEMO_ALARM, DEMO_TOKEN_PREFIX, HISTORY, PRODUCTION_NETWORK, PRODUCTION_SECURITY } from "./story.ts";

// The demo seed end to end, in a console of its own (fresh database with the real catalog, a sandbox, the
// tracker): stopped halfway it continues where it was on the next start, it ends in the story's states through
// the console's own commands, and a finished demo is left alone.

const DEV_SPEED = 0.05;
let sandbox: TestSandbox;
let db: Db;
let tracker: Tracker;
let drop: () => Promise<void>;

beforeAll(async () => {
  // Set up like production: migrated and pg-boss installed by the owner, used by the app's role.
  const scratch = await createScratchDatabaseWithRoles(process.env.STACKDECK_TEST_SERVER_URL ?? process.env.DATABASE_URL!, "stackdeck_demo");
  drop = scratch.drop;
  const url = scratch.appUrl;
  sandbox = await startTestSandbox({ speed: DEV_SPEED });
  // The tracker publisher (enqueueTracking) and the SDK clients read their endpoints from the environment.
  vi.stubEnv("DATABASE_URL", url);
  // The tracker's checkpoint job signs this database's log: into a file of its own, not the run's shared one.
  vi.stubEnv("AUDIT_CHECKPOINT_FILE", path.join(os.tmpdir(), `${scratch.name}-checkpoints.jsonl`));
  for (const [k, v] of Object.entries({ AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" })) vi.stubEnv(k, v);
  db = createDb(url);
  await seed(db, { demo: true });
  await syncTemplateCatalog(db);
  tracker = await startTracker({ databaseUrl: url, pollIntervalMs: 100, fetchIntervalSeconds: 0.5 });
}, 60_000);

afterAll(async () => {
  await tracker?.stop();
  await stopTrackingPublisher();
  await db?.$disconnect();
  await sandbox?.close();
  await drop?.();
  if (process.env.AUDIT_CHECKPOINT_FILE) rmSync(process.env.AUDIT_CHECKPOINT_FILE, { force: true });
  vi.unstubAllEnvs();
});

const speedNow = async () => ((await (await fetch(`${sandbox.url}/_sandbox/config`, { method: "POST", body: "{}" })).json()) as { speed: number }).speed;
const changeSetsCreated = async () => ((await sandbox.stats()) as { calls: { cloudformation?: Record<string, number> } }).calls.cloudformation?.CreateChangeSet ?? 0;
const demoDeployments = () =>
  db.deployment.findMany({
    where: { clientToken: { startsWith: DEMO_TOKEN_PREFIX } },
    select: { clientToken: true, status: true, resultReason: true, requestedBy: { select: { email: true } }, executedBy: { select: { email: true } } },
  });

describe("the demo seed", () => {
  it("continues a seed stopped halfway, ends in the story's states, and leaves a finished demo alone", { timeout: 240_000 }, async () => {
    const stopped = new AbortController();
    const first: string[] = [];
    const firstRun = seedDemo({ db, endpoint: sandbox.url, signal: stopped.signal, log: (line) => {
      first.push(line);
      if (/^4\/\d+ /.test(line)) stopped.abort(); // npm run dev stopped while the platform is being built
    } });
    await expect(firstRun).rejects.toThrow("stopped");
    expect(await speedNow()).toBe(DEV_SPEED);
    const halfway = (await demoDeployments()).length;
    expect(halfway).toBeGreaterThanOrEqual(4);

    const second: string[] = [];
    const { outcome, traffic } = await seedDemo({ db, endpoint: sandbox.url, signal: new AbortController().signal, log: (line) => second.push(line) });
    expect(outcome).toBe("seeded");
    expect(traffic).not.toBeNull();
    expect(second[0]).toMatch(/^continuing the demo seed \(\d+ of 14 changes exist\)$/);
    expect(await speedNow()).toBe(DEV_SPEED);

    const byToken = new Map((await demoDeployments()).map((d) => [d.clientToken!.slice(DEMO_TOKEN_PREFIX.length), d]));
    expect([...byToken.keys()].sort()).toEqual([
      ...["network", "security", "database", "cache", "iam", "load-balancer", "service"].map((t) => `staging-${t}`),
      PRODUCTION_NETWORK.key, ...HISTORY.map((h) => h.key), PRODUCTION_SECURITY.key,
    ].sort());
    for (const change of [...HISTORY, PRODUCTION_NETWORK, PRODUCTION_SECURITY]) expect(byToken.get(change.key)?.status, change.key).toBe(change.expect);
    expect(byToken.get("staging-network-three-zones")?.resultReason).toMatch(/^Rolled back: Export staging-network-\w+SubnetIds cannot be updated as it is in use by staging-/);
    expect(byToken.get(PRODUCTION_NETWORK.key)).toMatchObject({ requestedBy: { email: "deployer@example.com" }, executedBy: { email: "deployer@example.com" } });

    // Production: approved by the approver before it was applied; security still waits for one.
    const decisions = await db.approvalDecision.findMany({ select: { approved: true, user: { select: { email: true } }, request: { select: { deployment: { select: { clientToken: true } } } } } });
    expect(decisions).toEqual([{ approved: true, user: { email: "approver@example.com" }, request: { deployment: { clientToken: `${DEMO_TOKEN_PREFIX}${PRODUCTION_NETWORK.key}` } } }]);
    expect(await db.approvalRequest.count({ where: { status: "pending" } })).toBe(1);
    // The rollback to the first database version brought its instance class back.
    const database = await db.stack.findUniqueOrThrow({ where: { name: "staging-database" }, select: { parameters: true } });
    expect((database.parameters as Record<string, string>).DBInstanceClass).toBe("db.t3.micro");
    // The alarm went into ALARM on the published 5xx counts, evaluated by CloudWatch itself.
    expect((await withEnvironmentTarget(db, "staging", null, () => describeAlarmsByName("us-east-1", [DEMO_ALARM]))).alarms[0]?.state).toBe("ALARM");
    // Each environment's stacks are in its own account (issue 14: the dev defaults' staging and production accounts).
    const accountOf = async (name: string) => (await db.stack.findUniqueOrThrow({ where: { name }, select: { awsStackId: true } })).awsStackId?.split(":")[4];
    expect(await accountOf("staging-network")).toBe("000000000000");
    expect(await accountOf("production-network")).toBe("222222222222");

    const calls = await changeSetsCreated();
    const again: string[] = [];
    const third = await seedDemo({ db, endpoint: sandbox.url, signal: new AbortController().signal, log: (line) => again.push(line) });
    expect(third.outcome).toBe("in_place");
    expect(again).toEqual(["demo data is in place; the staging load balancer keeps reporting the backend's 5xx errors"]);
    expect(await changeSetsCreated()).toBe(calls);
    expect((await demoDeployments()).length).toBe(14);
  });

  it("leaves a console with deployments of its own alone", async () => {
    await db.deployment.updateMany({ where: { clientToken: `${DEMO_TOKEN_PREFIX}${PRODUCTION_SECURITY.key}` }, data: { clientToken: "someone-else" } });
    const lines: string[] = [];
    const { outcome } = await seedDemo({ db, endpoint: sandbox.url, signal: new AbortController().signal, log: (line) => lines.push(line) });
    expect(outcome).toBe("skipped");
    expect(lines).toEqual(["demo data skipped: the database already has 1 deployment(s) of its own"]);
  });
});
