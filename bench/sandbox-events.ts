// DescribeStackEvents latency on a stack with more than 1,000 events, through the real SDK client against an
// in-process sandbox (target: p95 under 20 ms; events are indexed per stack). This figure was a unit test's
// assertion once: speed is measured here, tests assert behaviour. Run: npx tsx bench/sandbox-events.ts
import { startTestSandbox } from "../sandbox/testing/harness.ts";
import { createStackWithManyEvents, describeEventsLatencies, percentile } from "../sandbox/cloudformation/testing/many-events.ts";

const CALLS = 200;

const sandbox = await startTestSandbox({ speed: 0.0005 });
try {
  const events = await createStackWithManyEvents(sandbox.cfn, "bench-events");
  await describeEventsLatencies(sandbox.cfn, "bench-events", 20);
  const latencies = await describeEventsLatencies(sandbox.cfn, "bench-events", CALLS);
  console.log(`DescribeStackEvents on a stack with ${events} events, ${CALLS} calls through the SDK:`);
  const p95 = percentile(latencies, 95);
  console.log(`  p50 ${percentile(latencies, 50).toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   max ${latencies.at(-1)!.toFixed(2)} ms   (target p95 < 20 ms: ${p95 < 20 ? "met" : "MISSED"})`);
} finally {
  await sandbox.close();
}
