// Deployment tracking against the sandbox, in three runs:
// 1. one deployment followed by 1 viewer with the tracker of main (a fixed 1 s poll) and with the adaptive cadence
//    (lib/deployments/tracker/cadence.ts): DescribeStackEvents calls per deployment-minute and event latency
//    (CloudFormation timestamp -> SSE receipt; target p95 < 500 ms with no more calls per minute than before);
// 2. the same with 50 viewers: calls must not grow with viewers;
// 3. 50 deployments at once, tracked by two worker processes' worth of trackers, with the sandbox throttling beyond
//    5 CloudFormation calls/s like AWS: calls/s within the shared budget, no throttling reaching a person's call or
//    a deployment, every event stored.
// Run: npx tsx --conditions=react-server bench/deployment-tracking.ts   (PostgreSQL on DATABASE_URL's server or
// postgresql://postgres@127.0.0.1:5432; a scratch database is created and dropped). BENCH_CONCURRENT=0 skips run 3,
// BENCH_SINGLE=0 runs 1 and 2.
import { benchDatabase } from "./lib/database.ts";
import { describeWindow, startCpuWindow } from "./lib/machine.ts";

const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 20);
const SPEED = Number(process.env.BENCH_SPEED ?? 0.5); // 3 s per SSM parameter -> 1.5 s each
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 50);

const scratch = await benchDatabase("stackdeck_bench");
process.env.DATABASE_URL = scratch.url;
// Imported after DATABASE_URL points at the scratch database (the fixtures read it once).
const testing = await import("../lib/deployments/tracker/testing.ts");
const { startTracker, DEFAULT_TIMING } = await import("../lib/deployments/tracker/index.ts");
const { budgetRates } = await import("../lib/aws/call-budget.ts");
const { createDeploymentListener } = await import("../lib/realtime/listener.ts");
const sse = await import("./deployment-sse.ts");
const { singleDeployment, concurrentDeployments, AWS_LIKE_LIMIT } = await import("./tracking/runs.ts");

const sandbox = await testing.startSandboxForApp();
await sandbox.config({ speed: SPEED });
const listener = createDeploymentListener(scratch.url);
const { createDb } = await import("../lib/db/client.ts");
const db = createDb(scratch.url);
const server = await sse.startSseServer(db, listener);
const env = { sandbox, db, serverUrl: server.url, testing, sse };
const window = startCpuWindow(() => [process.pid]);
const fixed = { fastPollMs: DEFAULT_TIMING.pollIntervalMs, idlePollMs: DEFAULT_TIMING.pollIntervalMs };

const rows = [];
let concurrent: Awaited<ReturnType<typeof concurrentDeployments>> | null = null;
try {
  for (const [label, timing] of process.env.BENCH_SINGLE === "0" ? [] : ([["fixed 1 s (main)", fixed], ["adaptive", {}]] as const)) {
    const tracker = await startTracker({ databaseUrl: scratch.url, ...timing });
    try {
      rows.push(await singleDeployment(env, tracker, label, 1, RESOURCES));
      if (label === "adaptive") rows.push(await singleDeployment(env, tracker, label, 50, RESOURCES));
    } finally {
      await tracker.stop();
    }
  }
  if (CONCURRENT > 0) {
    const two = async () => [await startTracker({ databaseUrl: scratch.url, concurrency: 25 }), await startTracker({ databaseUrl: scratch.url, concurrency: 25 })];
    concurrent = await concurrentDeployments(env, two, CONCURRENT, 10);
  }
} finally {
  await listener.close();
  await server.close();
  await db.$disconnect();
  await sandbox.close();
  await scratch.drop();
}

console.log(`\nOne deployment of ${RESOURCES} chained resources (sandbox speed ${SPEED}):\n`);
console.log("cadence          | viewers | DescribeStackEvents | per deployment-minute | events/viewer | latency p50 | latency p95 |    max   | duration");
for (const r of rows) {
  console.log(
    `${r.label.padEnd(16)} | ${String(r.viewers).padStart(7)} | ${String(r.calls).padStart(19)} | ${r.perMinute.toFixed(1).padStart(21)} | ${String(r.events).padStart(13)} | ${`${r.p50} ms`.padStart(11)} | ${`${r.p95} ms`.padStart(11)} | ${`${r.max} ms`.padStart(8)} | ${r.seconds.toFixed(1)} s`,
  );
}
const [before, one, many] = rows;
if (before && one && many) {
  console.log(`\nadaptive p95 ${one.p95} ms (target < 500 ms): ${one.p95 < 500 ? "OK" : "FAIL"}; calls per deployment-minute ${one.perMinute.toFixed(1)} vs ${before.perMinute.toFixed(1)} with the fixed poll: ${one.perMinute <= before.perMinute ? "OK" : "FAIL"}`);
  const drift = Math.abs(many.calls - one.calls) / one.calls;
  console.log(`DescribeStackEvents with 50 viewers vs 1: ${(drift * 100).toFixed(1)}% apart (limit 10%): ${drift <= 0.1 ? "OK" : "FAIL"}`);
}
if (concurrent) {
  const rate = budgetRates().cloudformation;
  const c = concurrent;
  console.log(`\n${c.deployments} deployments of 10 resources at once, two trackers (concurrency 25 each); sandbox throttles beyond ${AWS_LIKE_LIMIT.rate}/s (burst ${AWS_LIKE_LIMIT.burst}); budget ${rate.rate}/s (burst ${rate.burst}):`);
  console.log(`  CloudFormation calls: ${c.calls} in ${c.seconds.toFixed(0)} s = ${c.meanPerSecond.toFixed(2)}/s; most in 1 s: ${c.peak1s}, in 10 s: ${c.peak10s} (budget allows ${rate.burst + rate.rate * 10})`);
  console.log(`  throttled by the sandbox: ${c.throttled}; a person's calls: ${c.personCalls}, throttled ${c.personThrottled}; deployments not succeeded or with a throttling reason: ${c.failedDeployments.length}`);
  console.log(`  events stored ${c.storedEvents}, lost ${c.lostEvents}; event latency p95 ${c.latencyP95} ms (the budget's price: ${c.deployments} deployments share ${rate.rate} calls/s)`);
  const ok = c.peak10s <= rate.burst + rate.rate * 10 && c.throttled === 0 && c.personThrottled === 0 && c.lostEvents === 0 && c.failedDeployments.length === 0;
  console.log(`  ${ok ? "OK" : "FAIL"}${c.failedDeployments.length ? `: ${c.failedDeployments.join("; ")}` : ""}`);
}
console.log(`\n${describeWindow("whole run (bench process only under test)", window.stop())}`);
process.exit(0);
