// The Alarms page with 500 alarms (target: server time under 200 ms at p95) and the refresh job's CloudWatch cost
// (target: at most one DescribeAlarms call per 100 alarms per interval, counted by the sandbox's /_sandbox/stats).
// 5 stacks x 100 alarms are created in an in-process sandbox, discovered and refreshed like the tracker does, with
// 10% of them forced into ALARM. Page time = listAlarms, the page's only data (React's rendering of 50 rows is not
// included: the react-server condition this script needs hides react-dom/server).
// Run: npx tsx --conditions=react-server bench/alarms.ts   (PostgreSQL on DATABASE_URL's server or 127.0.0.1:5432)
import { printPercentiles } from "./lib/timing.ts";
import { CreateStackCommand } from "@aws-sdk/client-cloudformation";
import { SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { benchDatabase } from "./lib/database.ts";
import { startTestSandbox } from "../sandbox/testing/harness.ts";
import { waitForStack } from "../sandbox/cloudformation/testing/helpers.ts";
import { watchedTemplate } from "../lib/alarms/test-support.ts";

const STACKS = 5;
const PER_STACK = 100;
const RUNS = 200;
const REFRESHES = 10;

const scratch = await benchDatabase("stackdeck_bench_alarms");
const sandbox = await startTestSandbox({ speed: 0.001 });
Object.assign(process.env, { DATABASE_URL: scratch.url, AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench" });
const { createDb } = await import("../lib/db/client.ts");
const { ensureDefaultEnvironments } = await import("../lib/environments/defaults.ts");
const { loadActor } = await import("../lib/auth/actors.ts");
const { listAlarms } = await import("../lib/alarms/queries.ts");
const { refreshEnvironmentAlarms } = await import("../lib/alarms/refresh/refresh.ts");
const db = createDb(scratch.url);

const describeCalls = async () =>
  ((await sandbox.stats()) as { calls?: Record<string, Record<string, number>> }).calls?.cloudwatch?.DescribeAlarms ?? 0;

const time = (label: string, fn: () => Promise<unknown>) => printPercentiles(label, RUNS, fn, 52);
let tracker: { stop(): Promise<void> } | undefined;

/**
 * The refresh job in the tracker at ALARM_REFRESH_SECONDS=1 for CADENCE_SECONDS: DescribeAlarms calls per interval
 * (target: at most one per 100 alarms per environment per interval, plus the first run).
 */
async function refreshCadence(): Promise<void> {
  const CADENCE_SECONDS = 10;
  process.env.ALARM_REFRESH_SECONDS = "1";
  const { startTracker } = await import("../lib/deployments/tracker/index.ts");
  const before = await describeCalls();
  const started = performance.now();
  tracker = await startTracker({ databaseUrl: scratch.url, maintenanceSeconds: 1, sweepMs: 2_000 });
  await new Promise((r) => setTimeout(r, CADENCE_SECONDS * 1000));
  const seconds = (performance.now() - started) / 1000;
  const calls = (await describeCalls()) - before;
  const perRefresh = Math.ceil((await db.alarm.count()) / 100);
  console.log(`refresh job: ${calls} DescribeAlarms calls in ${seconds.toFixed(1)} s at 1 s intervals = ${(calls / seconds).toFixed(2)} per second (target <= ${perRefresh} per interval, ${perRefresh * (Math.ceil(seconds) + 1)} in total)`);
}

try {
  await ensureDefaultEnvironments(db);
  const env = await db.environment.findUniqueOrThrow({ where: { key: "staging" } });
  const user = await db.user.create({ data: { email: "bench@example.com", name: "Bench", grants: { create: { role: "viewer" } } }, select: { id: true } });
  const names = Array.from({ length: STACKS }, (_, i) => `staging-bench-${i}`);
  await Promise.all(names.map(async (name) => {
    const { StackId } = await sandbox.cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: watchedTemplate({ alarms: PER_STACK }), Parameters: [{ ParameterKey: "EnvironmentName", ParameterValue: "staging" }] }));
    const status = await waitForStack(sandbox.cfn, name, 120_000);
    await db.stack.create({ data: { name, environmentId: env.id, templateName: "bench", region: "us-east-1", awsStackId: StackId, status } });
  }));
  const first = await refreshEnvironmentAlarms(db, "staging");
  await sandbox.config({ speed: 1 }); // so a forced ALARM holds its minute (a simulated minute at 0.001 is 60 ms)
  for (const name of names) for (let i = 1; i <= PER_STACK / 10; i++) {
    await sandbox.cw.send(new SetAlarmStateCommand({ AlarmName: `${name}-a${i}`, StateValue: "ALARM", StateReason: "bench" }));
  }
  const before = await describeCalls();
  const started = performance.now();
  let changes = 0;
  for (let i = 0; i < REFRESHES; i++) changes += (await refreshEnvironmentAlarms(db, "staging")).stateChanges;
  const perRefreshMs = (performance.now() - started) / REFRESHES;
  const calls = (await describeCalls()) - before;
  await db.$executeRawUnsafe("ANALYZE");
  console.log(`${first.alarms} alarms in ${STACKS} stacks; first refresh scanned ${first.stacksScanned} stacks`);
  console.log(`refresh: ${calls / REFRESHES} DescribeAlarms calls per refresh (target <= ${Math.ceil(first.alarms / 100)}), ${perRefreshMs.toFixed(0)} ms per refresh, ${changes} state changes recorded`);

  const actor = (await loadActor(db, user.id))!;
  const page = () => listAlarms(db, actor, { environment: "staging", limit: 50 });
  await time("Alarms page data (listAlarms, 50 of 500)", page);
  await time("Alarms page data, state=ALARM", () => listAlarms(db, actor, { environment: "staging", state: "ALARM" }));
  await time("Alarms page data, one stack", () => listAlarms(db, actor, { environment: "staging", stack: names[2] }));
  await time("Alarms data, all 500 on one page", () => listAlarms(db, actor, { environment: "staging", limit: 500 }));
  await refreshCadence();
} finally {
  await tracker?.stop();
  await db.$disconnect();
  await sandbox.close();
  await scratch.drop();
}
