import type { Db } from "../db/client.ts";
import { getEnvironmentByKey } from "../environments/queries.ts";
import { listCatalog } from "../templates/queries.ts";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import { describeAlarmsByName } from "../aws/cloudwatch.ts";
import { loadDemoActors } from "./actors.ts";
import { demoProgress } from "./progress.ts";
import { runChange, type DemoContext } from "./run-change.ts";
import { SEED_SPEED, waitForSandbox, withSandboxSpeed } from "./sandbox-speed.ts";
import { DEMO_ALARM, HISTORY, PRODUCTION_NETWORK, PRODUCTION_SECURITY, platformCreates, type DemoChange } from "./story.ts";
import { ErrorTraffic, findDemoAlarm } from "./traffic.ts";

// The living demo of `npm run dev` (lib/demo/README.md): on a first start, the whole staging platform from the
// catalog, its history, production's network and a change awaiting approval, all through the console's own
// commands against the local sandbox; then traffic that keeps one alarm in ALARM. A restart finishes a seed that
// was stopped halfway and leaves a finished one (or anybody's own data) alone.

export interface DemoOptions {
  db: Db;
  /** The local sandbox (never real AWS: the demo only ever runs against it). */
  endpoint: string;
  log: (line: string) => void;
  signal: AbortSignal;
}

export type DemoOutcome = "seeded" | "in_place" | "skipped";

/** Seeds (or finishes seeding) when the console is fresh; the traffic that keeps the demo alive, unless skipped. */
export async function seedDemo(options: DemoOptions): Promise<{ outcome: DemoOutcome; traffic: ErrorTraffic | null }> {
  await waitForSandbox(options.endpoint, options.signal);
  // The demo's own AWS calls (progress, alarm, traffic) are staging's; each change acts in its environment's account.
  return withEnvironmentTarget(options.db, "staging", null, (target) => seedInStaging(options, target.region));
}

async function seedInStaging({ db, endpoint, log, signal }: DemoOptions, region: string): Promise<{ outcome: DemoOutcome; traffic: ErrorTraffic | null }> {
  const actors = await loadDemoActors(db);
  if (!actors) {
    log("demo data skipped: the demo users are missing or disabled");
    return { outcome: "skipped", traffic: null };
  }
  const ctx: DemoContext = { db, actors, signal };
  const staging = await getEnvironmentByKey(db, "staging");
  const platform = platformCreates(await listCatalog(db, actors.admin, staging));
  const story = [...platform, PRODUCTION_NETWORK, ...HISTORY, PRODUCTION_SECURITY];
  const progress = await demoProgress(db, region, { keys: story.map((c) => c.key), finalKey: PRODUCTION_SECURITY.key });

  if (progress.state === "foreign") {
    log(`demo data skipped: ${progress.why}`);
    return { outcome: "skipped", traffic: null };
  }
  if (progress.state === "complete") {
    log("demo data is in place; the staging load balancer keeps reporting the backend's 5xx errors");
    return { outcome: "in_place", traffic: new ErrorTraffic(region, await findDemoAlarm(region, DEMO_ALARM)) };
  }
  const started = Date.now();
  log(progress.state === "partial"
    ? `continuing the demo seed (${progress.done} of ${story.length} changes exist)`
    : `seeding the demo in the background: ${story.length} changes through the console's own commands (STACKDECK_DEMO_DATA=0 skips this)`);
  const traffic = await withSandboxSpeed(endpoint, SEED_SPEED, () => seed(ctx, region, platform, story.length, log));
  log(`demo ready in ${seconds(started)}: staging platform (${platform.length} stacks) with history, production network, 1 change awaiting approval, ${DEMO_ALARM} in ALARM`);
  return { outcome: "seeded", traffic };
}

/** The demo for `npm run dev`: seed if needed, then keep its traffic coming until `signal` aborts. */
export async function runDemo(options: DemoOptions): Promise<void> {
  const { traffic } = await seedDemo(options);
  if (traffic) await withEnvironmentTarget(options.db, "staging", null, () => traffic.run(options.signal, options.log));
}

async function seed(ctx: DemoContext, region: string, platform: DemoChange[], total: number, log: (line: string) => void): Promise<ErrorTraffic> {
  let done = 0;
  const run = async (change: DemoChange) => {
    const started = Date.now();
    const d = await runChange(ctx, change);
    log(`${++done}/${total} ${d.stackName}: ${change.note} - ${d.status.replace("_", " ")} (${seconds(started)})`);
  };
  // Production's network waits for an approver, so it runs beside the staging platform.
  await Promise.all([inDependencyOrder(platform, run), run(PRODUCTION_NETWORK)]);
  for (const change of HISTORY) await run(change);

  const traffic = new ErrorTraffic(region, await findDemoAlarm(region, DEMO_ALARM));
  await traffic.publishHistory();
  await waitForAlarm(region, ctx.signal);
  log(`${DEMO_ALARM} is in ALARM: three hours of 5xx counts published, the last twenty minutes a burst`);
  await run(PRODUCTION_SECURITY);
  return traffic;
}

/** Each change starts as soon as the changes of the templates it imports from have finished. */
async function inDependencyOrder(changes: DemoChange[], run: (change: DemoChange) => Promise<void>): Promise<void> {
  const finished = new Map<string, Promise<void>>();
  for (const change of changes) {
    const before = change.after.map((template) => finished.get(template) ?? Promise.resolve());
    finished.set(change.template, Promise.all(before).then(() => run(change)));
  }
  await Promise.all(finished.values());
}

/** CloudWatch evaluates the alarm on its own (every simulated minute); wait until it says ALARM. */
async function waitForAlarm(region: string, signal: AbortSignal, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!signal.aborted && Date.now() < until) {
    const { alarms } = await describeAlarmsByName(region, [DEMO_ALARM]);
    if (alarms[0]?.state === "ALARM") return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${DEMO_ALARM} did not go into ALARM within ${timeoutMs / 1000} s`);
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
