// One deployment watched by 1 and by 50 SSE clients: DescribeStackEvents calls (the sandbox's own count) must not
// grow with viewers, and event latency (CloudFormation timestamp -> SSE receipt) should stay under 2 s at p95.
// Run: npx tsx --conditions=react-server bench/deployment-tracking.ts   (PostgreSQL on DATABASE_URL's server or
// postgresql://postgres@127.0.0.1:5432; a scratch database is created and dropped)
import { benchDatabase } from "./lib/database.ts";

const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 20);
const SPEED = Number(process.env.BENCH_SPEED ?? 0.5); // 3 s per SSM parameter -> 1.5 s each
const VIEWERS = [1, 50];

const scratch = await benchDatabase("stackdeck_bench");
process.env.DATABASE_URL = scratch.url;
// Imported after DATABASE_URL points at the scratch database (the fixtures read it once).
const { startSandboxForApp, createDeployingRecord, createStackIn, chainTemplate, logicalIds, uniqueStackName, describeEventsCalls } =
  await import("../lib/deployments/tracker/testing.ts");
const { startTracker } = await import("../lib/deployments/tracker/index.ts");
const { createDeploymentListener } = await import("../lib/realtime/listener.ts");
const { startSseServer, followDeployment, percentile } = await import("./deployment-sse.ts");

const sandbox = await startSandboxForApp();
await sandbox.config({ speed: SPEED });
const tracker = await startTracker({ databaseUrl: scratch.url });
const listener = createDeploymentListener(scratch.url);
const { createDb } = await import("../lib/db/client.ts");
const db = createDb(scratch.url);
const server = await startSseServer(db, listener);

interface Row {
  viewers: number;
  calls: number;
  events: number;
  p50: number;
  p95: number;
  max: number;
  seconds: number;
}
const rows: Row[] = [];
try {
  for (const viewers of VIEWERS) {
    const stackName = uniqueStackName(`bench${viewers}`);
    const record = await createDeployingRecord({ stackName, changes: logicalIds(RESOURCES) });
    const clients = Array.from({ length: viewers }, () => followDeployment(`${server.url}/deployments/${record.deploymentId}/events`));
    await Promise.all(clients.map((c) => c.connected));
    const callsBefore = await describeEventsCalls(sandbox);
    const started = Date.now();
    await createStackIn(sandbox, record.db, record.stackId, stackName, chainTemplate(RESOURCES));
    await tracker.enqueue(record.deploymentId);
    const results = await Promise.all(clients.map((c) => c.done));
    const seconds = (Date.now() - started) / 1000;
    const calls = (await describeEventsCalls(sandbox)) - callsBefore;
    const latencies = results.flatMap((r) => r.latencies);
    const statuses = new Set(results.map((r) => r.finalStatus));
    if (statuses.size !== 1 || !statuses.has("succeeded")) throw new Error(`unexpected final statuses: ${[...statuses].join(", ")}`);
    rows.push({ viewers, calls, events: latencies.length / viewers, p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies), seconds });
  }
} finally {
  await tracker.stop();
  await listener.close();
  await server.close();
  await db.$disconnect();
  await sandbox.close();
  await scratch.drop();
}

console.log(`\nOne deployment of ${RESOURCES} chained resources (sandbox speed ${SPEED}), tracker polling every 1 s:\n`);
console.log("viewers | DescribeStackEvents | events/viewer | latency p50 | latency p95 |   max   | duration");
for (const r of rows) {
  console.log(
    `${String(r.viewers).padStart(7)} | ${String(r.calls).padStart(19)} | ${String(r.events).padStart(13)} | ${`${r.p50} ms`.padStart(11)} | ${`${r.p95} ms`.padStart(11)} | ${`${r.max} ms`.padStart(7)} | ${r.seconds.toFixed(1)} s`,
  );
}
const [one, many] = rows;
if (one && many) {
  const drift = Math.abs(many.calls - one.calls) / one.calls;
  console.log(`\nDescribeStackEvents with 50 viewers vs 1: ${(drift * 100).toFixed(1)}% apart (limit 10%): ${drift <= 0.1 ? "OK" : "FAIL"}`);
  console.log(`p95 latency with 50 viewers: ${many.p95} ms (target < 2000 ms): ${many.p95 < 2000 ? "OK" : "FAIL"}`);
}
process.exit(0);
