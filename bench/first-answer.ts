// Time to first answer, as a new user and an operator meet it:
// - `npm run dev` (embedded PostgreSQL, sandbox, app, worker, demo users) from spawn to a healthy /api/health, to the
//   sign-in page, and to the signed-in overview and stacks pages (Next compiles each route on its first request);
//   the first run in a checkout without .data initialises PostgreSQL, the second is a restart;
// - `npm start` of the production build (scripts/start.ts: migrations, next start, worker) against a fresh database
//   on DATABASE_URL's server, to /api/health and to the first signed-in page.
// Run: npx tsx --conditions=react-server bench/first-answer.ts   (BENCH_DEV_RUNS=2; ports BENCH_DEV_PORT=3050,
// BENCH_DEV_PG_PORT=54350, BENCH_DEV_SANDBOX_PORT=4550, BENCH_APP_PORT=3051; PostgreSQL on DATABASE_URL's server)
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { ROOT, ensureBuild, startApp, waitForHealth } from "./http/app.ts";
import { signIn } from "./http/load.ts";
import { benchDatabase } from "./lib/database.ts";
import { describeWindow, startCpuWindow } from "./lib/machine.ts";

const LOGS = path.join(os.tmpdir(), "stackdeck-bench-first-answer");
mkdirSync(LOGS, { recursive: true });
const DEV_PORT = Number(process.env.BENCH_DEV_PORT ?? 3050);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timedGet(url: string, cookie?: string): Promise<void> {
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual", signal: AbortSignal.timeout(180_000) });
  await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
}

async function devRun(): Promise<Record<string, number>> {
  const fresh = !existsSync(path.join(ROOT, ".data", "postgres", "PG_VERSION"));
  const started = performance.now();
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(DEV_PORT), EMBEDDED_PG_PORT: process.env.BENCH_DEV_PG_PORT ?? "54350", SANDBOX_PORT: process.env.BENCH_DEV_SANDBOX_PORT ?? "4550" };
  delete env.DATABASE_URL; // the default: the embedded PostgreSQL
  const child = spawn("npm", ["run", "dev"], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "ignore"], detached: true });
  const url = `http://127.0.0.1:${DEV_PORT}`;
  const at: Record<string, number> = { "first start (no .data)": fresh ? 1 : 0 };
  try {
    await waitForHealth(url, child, 300_000);
    at["healthy (/api/health 200)"] = performance.now() - started;
    await timedGet(`${url}/signin`);
    at["sign-in page"] = performance.now() - started;
    const cookie = await signIn(url, "admin@example.com", "stackdeck-demo");
    await timedGet(`${url}/?env=staging`, cookie);
    at["signed-in overview"] = performance.now() - started;
    await timedGet(`${url}/stacks?env=staging`, cookie);
    at["stacks page"] = performance.now() - started;
    return at;
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // PostgreSQL and the sandbox let go of their ports
  }
}

async function productionRun(): Promise<Record<string, number>> {
  await ensureBuild(path.join(LOGS, "build.log"));
  const scratch = await benchDatabase("stackdeck_bench_start");
  try {
    const port = process.env.BENCH_APP_PORT ?? "3051";
    const app = await startApp({
      PORT: port, DATABASE_URL: scratch.url, NEXTAUTH_URL: `http://127.0.0.1:${port}`, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), STACKDECK_DEMO: "1",
      AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench",
    }, path.join(LOGS, "start.log"));
    try {
      const started = performance.now() - app.startMs;
      const cookie = await signIn(app.url, "admin@example.com", "stackdeck-demo");
      await timedGet(`${app.url}/?env=staging`, cookie);
      return { "healthy (/api/health 200)": app.startMs, "signed-in overview": performance.now() - started };
    } finally {
      await app.stop();
    }
  } finally {
    await scratch.drop();
  }
}

const window = startCpuWindow(() => [process.pid]);
const dev: Record<string, number>[] = [];
for (let i = 0; i < Number(process.env.BENCH_DEV_RUNS ?? 2); i++) dev.push(await devRun());
const production = await productionRun();
console.log("\nnpm run dev, from spawn (ms; each route compiled on its first request):");
for (const [i, run] of dev.entries()) {
  const { "first start (no .data)": fresh, ...steps } = run;
  console.log(`  run ${i + 1} (${fresh ? "first start: PostgreSQL initialised, demo data created" : "restart"}): ${Object.entries(steps).map(([k, v]) => `${k} ${seconds(v)}`).join(" · ")}`);
}
console.log(`npm start (production build, fresh database): ${Object.entries(production).map(([k, v]) => `${k} ${seconds(v)}`).join(" · ")}`);
console.log(describeWindow("whole run (CPU of other processes included in 'everything else')", window.stop()));
process.exit(0);
