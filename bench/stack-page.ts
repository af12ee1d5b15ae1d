// The stack and stacks pages' server-side data with 200 stacks and 10,000 deployments in the database (target: the
// stack page under 200 ms at p95). Measures the domain queries the pages render from (getStackDetail, listStacks,
// listDeployments); CloudFormation is not asked (the stacks are not in any AWS), so the figure is the database part.
// Run: npx tsx --conditions=react-server bench/stack-page.ts   (PostgreSQL on DATABASE_URL's server or 127.0.0.1:5432)
import { randomUUID } from "node:crypto";
import { printPercentiles } from "./lib/timing.ts";
import { benchDatabase } from "./lib/database.ts";

const STACKS = 200;
const DEPLOYMENTS = 10_000;
const RUNS = 200;

const scratch = await benchDatabase("stackdeck_bench_pages");
process.env.DATABASE_URL = scratch.url;
process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9"; // nothing listens: resources are skipped quickly
process.env.AWS_MAX_ATTEMPTS = "1";
Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench" });
console.error = () => undefined; // each page logs that CloudFormation is unreachable; that is expected here
const { createDb } = await import("../lib/db/client.ts");
const { ensureDefaultEnvironments } = await import("../lib/environments/defaults.ts");
const { getStackDetail, listStacks } = await import("../lib/deployments/queries.ts");
const { listDeployments } = await import("../lib/deployments/deployment-queries.ts");
const { loadActor } = await import("../lib/auth/actors.ts");
const db = createDb(scratch.url);

try {
  await ensureDefaultEnvironments(db);
  const env = await db.environment.findUniqueOrThrow({ where: { key: "staging" } });
  const user = await db.user.create({ data: { email: "bench@example.com", name: "Bench", grants: { create: { role: "viewer" } } }, select: { id: true } });
  const stacks = Array.from({ length: STACKS }, (_, i) => ({ id: randomUUID(), name: `staging-bench-${String(i).padStart(3, "0")}`, environmentId: env.id, templateName: "network", region: "us-east-1", status: "UPDATE_COMPLETE", updatedAt: new Date() }));
  await db.stack.createMany({ data: stacks });
  const t0 = Date.UTC(2026, 0, 1);
  const deployments = Array.from({ length: DEPLOYMENTS }, (_, i) => ({
    stackId: stacks[i % STACKS]!.id, action: "update" as const, status: "succeeded" as const, requestedById: user.id,
    parameters: { Retention: String(i % 30) }, createdAt: new Date(t0 + i * 60_000), startedAt: new Date(t0 + i * 60_000), finishedAt: new Date(t0 + i * 60_000 + 90_000), updatedAt: new Date(),
  }));
  for (let i = 0; i < deployments.length; i += 1000) await db.deployment.createMany({ data: deployments.slice(i, i + 1000) });
  await db.$executeRawUnsafe("ANALYZE");
  const actor = (await loadActor(db, user.id))!;

  const time = (label: string, fn: () => Promise<unknown>) => printPercentiles(label, RUNS, fn, 44);

  console.log(`${STACKS} stacks, ${DEPLOYMENTS} deployments (${DEPLOYMENTS / STACKS} per stack), ${RUNS} runs each`);
  let n = 0;
  await time("stack page data (getStackDetail)", () => getStackDetail(db, actor, stacks[n++ % STACKS]!.name));
  await time("stacks page data (listStacks, 50 per page)", () => listStacks(db, actor, "staging", { limit: 50 }));
  await time("deployments page data (listDeployments, 50)", () => listDeployments(db, actor, "staging", { limit: 50 }));
} finally {
  await db.$disconnect();
  await scratch.drop();
}
