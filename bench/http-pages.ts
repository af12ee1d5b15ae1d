// Pages as a browser gets them, at scale: the production build served by `npm start` (scripts/start.ts: next start
// + the worker) against 200 stacks over both environments (the real platform in each, plus worker stacks), 10,000
// deployments with their events, 1,000,000 audit entries and 500 alarms with a month of history, with the sandbox
// holding those stacks so every AWS call a page makes is real. Signed in as the admin (pages) and with an API
// token (API reads): each target at 1 client, then the pages and then the API reads at a fixed arrival rate (open
// loop, each kind at the full rate); p50/p95/p99, errors, the app's RSS, ratios against bench/baselines/http-pages.json.
// Run: npx tsx --conditions=react-server bench/http-pages.ts   (PostgreSQL on DATABASE_URL's server or 127.0.0.1:5432)
// BENCH_SECONDS=60 (each phase), BENCH_RATE=20, BENCH_SAVE_BASELINE=1 (write the baseline), BENCH_REBUILD=1,
// BENCH_APP_PORT=3051, BENCH_SANDBOX_PORT=4551, BENCH_AUDIT=1000000 (fewer for a quick look).
import { execSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { ROOT, ensureBuild, startApp } from "./http/app.ts";
import { createFixture, type Fixture } from "./http/fixture.ts";
import { measure, oneClient, openLoop, signIn, stats, type Auth, type Sample } from "./http/load.ts";
import { benchTargets } from "./http/targets.ts";
import { printTable, readBaseline, writeBaseline, type BenchResult } from "./http/report.ts";
import { describeWindow, processTicks, startCpuWindow } from "./lib/machine.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3051);
const BASELINE = path.join(ROOT, "bench/baselines/http-pages.json");
const LOGS = path.join(os.tmpdir(), "stackdeck-bench-http");
const log = (line: string) => console.log(`[bench] ${line}`);
mkdirSync(LOGS, { recursive: true });

const conditions: string[] = [`${os.cpus().length} cores, load average at start ${os.loadavg().map((v) => v.toFixed(2)).join(" / ")}`];
const buildMs = await ensureBuild(path.join(LOGS, "build.log"), process.env.BENCH_REBUILD === "1");
log(buildMs === null ? "reusing the production build in .next (newer than every source file)" : `built in ${(buildMs / 1000).toFixed(0)} s`);

// BENCH_FIXTURE: a fixture kept alive by bench/http/hold.ts (for repeated runs); otherwise a fresh one.
const fixture: Fixture = process.env.BENCH_FIXTURE
  ? { ...(JSON.parse(readFileSync(process.env.BENCH_FIXTURE, "utf8")) as Omit<Fixture, "close">), close: async () => undefined }
  : await createFixture({
    stacks: 200, deploymentsPerStack: 50, auditEntries: Number(process.env.BENCH_AUDIT ?? 1_000_000), alarms: 500,
    sandboxPort: Number(process.env.BENCH_SANDBOX_PORT ?? 4551), log,
  });
const app = await startApp({
  PORT: String(APP_PORT), DATABASE_URL: fixture.databaseUrl, NEXTAUTH_URL: `http://127.0.0.1:${APP_PORT}`, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  AWS_ENDPOINT_URL: fixture.sandboxUrl, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench", STACKDECK_DEMO: "1",
}, path.join(LOGS, "app.log"));
log(`npm start healthy after ${(app.startMs / 1000).toFixed(1)} s (output in ${LOGS}/app.log); app processes ${app.processes().app.join(", ")}, worker ${app.processes().worker.join(", ")}`);

const pool = new pg.Pool({ connectionString: fixture.databaseUrl, max: 1 });
const backends = async () => (await pool.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")).rows.map((r) => r.pid as number);
const awsCalls = async () => ((await (await fetch(`${fixture.sandboxUrl}/_sandbox/stats`)).json()) as { calls: Record<string, Record<string, number>> }).calls;

try {
  await waitForBackgroundReads();
  const auth: Auth = { cookie: await signIn(app.url, "admin@example.com", "stackdeck-demo"), token: fixture.token };
  const targets = await benchTargets(fixture.databaseUrl);
  // Warm-up: every path once (route code loaded, query plans cached), then the measured phases.
  for (const target of targets) for (const p of target.paths) {
    const s = await measure(app.url, auth, target, p);
    if (!s.ok) throw new Error(`${p} answered ${s.status} during warm-up`);
  }
  const rssStart = { app: app.appRss(), worker: app.workerRss() };
  let pids = [...app.processes().all, fixture.sandboxPid, process.pid, ...(await backends())];
  const phase = async (label: string, run: () => Promise<Sample[]>) => {
    const before = await awsCalls();
    const window = startCpuWindow(() => pids);
    const samples = await run();
    pids = [...new Set([...pids, ...app.processes().all, ...(await backends())])];
    conditions.push(describeWindow(label, window.stop()));
    conditions.push(`${label}: AWS calls the sandbox answered meanwhile: ${describeCalls(before, await awsCalls())}`);
    return samples;
  };
  log(`1 client, ${SECONDS} s`);
  const appCpuMs = () => app.processes().app.reduce((sum, pid) => sum + processTicks(pid) * 10, 0);
  const one = await phase("1 client", () => oneClient(app.url, auth, targets, SECONDS, appCpuMs));
  // Pages and API reads each get the full rate of their own (what a team's browsers, or its CI scripts, send).
  const loaded: Sample[] = [];
  for (const kind of ["page", "api"] as const) {
    log(`${RATE} requests/s of ${kind === "page" ? "pages" : "API reads"}, ${SECONDS} s`);
    loaded.push(...(await phase(`${RATE} req/s ${kind}s`, () => openLoop(app.url, auth, targets.filter((t) => t.kind === kind), RATE, SECONDS))));
  }
  const mb = (bytes: number) => Math.round(bytes / 1_048_576);
  // Right after the load V8 still holds the old space it grew (mostly garbage until its next full collection);
  // after a quiet spell its memory reducer gives that back. Both are reported: a leak shows in the second.
  const rssLoaded = app.appRss();
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_SETTLE_SECONDS ?? 45) * 1000));
  const result: BenchResult = {
    takenAt: new Date().toISOString(),
    commit: execSync("git log -1 --format='%h %s'", { cwd: ROOT }).toString().trim() + (execSync("git status --porcelain --untracked-files=no", { cwd: ROOT }).toString().trim() ? " (+ uncommitted changes)" : ""),
    rate: RATE,
    seconds: { one: SECONDS, loaded: SECONDS },
    targets: Object.fromEntries(targets.map((t) => [t.name, { one: stats(one.filter((s) => s.target === t.name)), loaded: stats(loaded.filter((s) => s.target === t.name)) }])),
    rssMb: { appStart: mb(rssStart.app), appLoaded: mb(rssLoaded), appEnd: mb(app.appRss()), workerStart: mb(rssStart.worker), workerEnd: mb(app.workerRss()) },
    startMs: Math.round(app.startMs),
    conditions: [...conditions, `fixture: ${fixture.seeded.deployments} deployments, ${fixture.seeded.events} events, ${fixture.seeded.alarms} alarms, ${fixture.seeded.stateChanges} state changes`],
  };
  printTable(result, new Map(targets.map((t) => [t.name, t.kind])), readBaseline(BASELINE));
  if (process.env.BENCH_SAVE_BASELINE === "1") {
    writeBaseline(BASELINE, result);
    log(`saved as the baseline: ${path.relative(ROOT, BASELINE)}`);
  }
} finally {
  await pool.end();
  await app.stop();
  await fixture.close();
}

/**
 * Pages show what background jobs stored; a fresh fixture has none of it yet. Wait (up to 3 min) until the worker
 * has read every stack's resources and the ECS services once, and say how long that took. (Main had no such jobs.)
 */
async function waitForBackgroundReads(): Promise<void> {
  const exists = (await pool.query("SELECT to_regclass('stack_resource_snapshots') IS NOT NULL AS ok")).rows[0].ok as boolean;
  if (!exists) return;
  const started = performance.now();
  for (;;) {
    const { rows } = await pool.query(`SELECT
      (SELECT count(*) FROM stacks WHERE deleted_at IS NULL) AS stacks,
      (SELECT count(*) FROM stack_resource_snapshots) AS resources,
      (SELECT count(*) FROM stacks WHERE template_name = 'service') AS services,
      (SELECT count(*) FROM ecs_health_snapshots) AS ecs`);
    const r = rows[0];
    if (Number(r.resources) >= Number(r.stacks) && Number(r.ecs) >= Number(r.services)) break;
    if (performance.now() - started > 180_000) throw new Error(`background reads incomplete after 3 min: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  log(`the worker read every stack's resources and the ECS services within ${seconds} s of start`);
  conditions.push(`background reads (resources of 200 stacks, ECS health) complete ${seconds} s after start, before measuring`);
}

function describeCalls(before: Record<string, Record<string, number>>, after: Record<string, Record<string, number>>): string {
  const parts: string[] = [];
  for (const [service, ops] of Object.entries(after)) {
    for (const [op, n] of Object.entries(ops)) {
      const delta = n - (before[service]?.[op] ?? 0);
      if (delta) parts.push(`${op} ${delta}`);
    }
  }
  return parts.join(", ") || "none";
}
