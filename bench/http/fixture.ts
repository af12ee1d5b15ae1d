// Everything the HTTP bench's app runs against: a sandbox process holding the stacks, and a scratch database with
// the catalog, demo users, a million audit entries and the history of those stacks. Torn down by `close()`.
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { benchDatabase } from "../lib/database.ts";
import { seedAuditEvents } from "../audit/seed.ts";
import { ROOT } from "./app.ts";
import { createBenchStacks, PLATFORM, ENVIRONMENTS } from "./sandbox-stacks.ts";
import { readSandboxAlarms } from "./sandbox-alarms.ts";
import { seedBenchData, type SeededData } from "./seed-database.ts";

export interface FixtureOptions {
  stacks: number;
  deploymentsPerStack: number;
  auditEntries: number;
  alarms: number;
  sandboxPort: number;
  log: (line: string) => void;
}

export interface Fixture {
  databaseUrl: string;
  sandboxUrl: string;
  sandboxPid: number;
  token: string;
  seeded: SeededData;
  close(): Promise<void>;
}

async function startSandboxProcess(port: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["sandbox/server.ts", "--port", String(port), "--ephemeral", "--speed", "0.001"], {
    cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], detached: true,
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /sandbox listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
  });
  return { url, child };
}

/** The monthly estimate of each platform template per environment, as the app computes it (worker: its alarms). */
async function platformEstimates(): Promise<Map<string, number>> {
  const { parseTemplate } = await import("../../lib/templates/parse.ts");
  const { loadProfile } = await import("../../lib/templates/profiles.ts");
  const { estimateTemplate } = await import("../../lib/templates/estimate.ts");
  const estimates = new Map<string, number>();
  for (const environment of ENVIRONMENTS) {
    const profile = await loadProfile(environment, path.join(ROOT, "infra-templates", "environments"));
    for (const template of PLATFORM) {
      const doc = parseTemplate(await readFile(path.join(ROOT, "infra-templates", `${template}.yaml`), "utf8")).document;
      estimates.set(`${environment}/${template}`, estimateTemplate(doc, template, environment, profile).monthlyTotal);
    }
    estimates.set(`${environment}/worker`, 0.3); // three standard-resolution alarms at $0.10
  }
  return estimates;
}

export async function createFixture(options: FixtureOptions): Promise<Fixture> {
  const { log } = options;
  const scratch = await benchDatabase("stackdeck_bench_http");
  let sandbox: { url: string; child: ChildProcess } | null = null;
  const close = async () => {
    if (sandbox && sandbox.child.exitCode === null) {
      const exited = new Promise((resolve) => sandbox!.child.once("exit", resolve));
      process.kill(-sandbox.child.pid!, "SIGTERM");
      await exited;
    }
    await scratch.drop();
  };
  try {
    let t = performance.now();
    // The audit chain first: it starts at the genesis hash, and what the seed records next chains onto it.
    await seedAuditEvents(scratch.url, options.auditEntries, 365);
    log(`audit: ${options.auditEntries.toLocaleString("en")} entries in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    process.env.DATABASE_URL = scratch.url;
    const { prepareDatabase } = await import("../../scripts/lib/database.ts");
    await prepareDatabase({ demo: true, log: () => undefined });

    t = performance.now();
    sandbox = await startSandboxProcess(options.sandboxPort);
    const stacks = await createBenchStacks(sandbox.url, options.stacks, options.alarms);
    const alarms = await readSandboxAlarms(sandbox.url, stacks.map((s) => s.name));
    log(`sandbox: ${stacks.length} stacks, ${alarms.length} alarms in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    const seeded = await seedBenchData(scratch.url, stacks, alarms, options.deploymentsPerStack, await platformEstimates());
    log(`database: ${seeded.deployments.toLocaleString("en")} deployments, ${seeded.events.toLocaleString("en")} events, ${seeded.stateChanges.toLocaleString("en")} alarm state changes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // Pages and API reads afterwards run at the pace `npm run dev` gives the sandbox.
    await fetch(`${sandbox.url}/_sandbox/config`, { method: "POST", body: JSON.stringify({ speed: 0.05 }) });
    return { databaseUrl: scratch.url, sandboxUrl: sandbox.url, sandboxPid: sandbox.child.pid!, token: await adminToken(), seeded, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

async function adminToken(): Promise<string> {
  const { createDb } = await import("../../lib/db/client.ts");
  const { createApiToken } = await import("../../lib/tokens/commands.ts");
  const db = createDb();
  try {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" }, select: { id: true } });
    return (await createApiToken(db, { actor: "system", ownerId: admin.id, input: { name: "bench" } })).token;
  } finally {
    await db.$disconnect();
  }
}
