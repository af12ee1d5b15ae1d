// The runs of bench/deployment-tracking.ts: one deployment followed by N live viewers (calls per deployment-minute,
// event latency), and many deployments at once against a sandbox that throttles like AWS (calls per second
// against the shared budget, throttling, lost events).
import type { TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../../lib/db/client.ts";
import type { Tracker } from "../../lib/deployments/tracker/index.ts";
import { percentile } from "../deployment-sse.ts";

type Testing = typeof import("../../lib/deployments/tracker/testing.ts");
type Sse = typeof import("../deployment-sse.ts");

export interface Env {
  sandbox: TestSandbox;
  db: Db;
  serverUrl: string;
  testing: Testing;
  sse: Sse;
}

export interface SingleRow {
  label: string;
  viewers: number;
  calls: number;
  perMinute: number;
  events: number;
  p50: number;
  p95: number;
  max: number;
  seconds: number;
}

/** One deployment of `resources` chained parameters, watched by `viewers` SSE clients, tracked by `tracker`. */
export async function singleDeployment(env: Env, tracker: Tracker, label: string, viewers: number, resources: number): Promise<SingleRow> {
  const { testing, sse, sandbox } = env;
  const stackName = testing.uniqueStackName(`bench${viewers}`);
  const record = await testing.createDeployingRecord({ stackName, changes: testing.logicalIds(resources) });
  const clients = Array.from({ length: viewers }, () => sse.followDeployment(`${env.serverUrl}/deployments/${record.deploymentId}/events`));
  await Promise.all(clients.map((c) => c.connected));
  const callsBefore = await testing.describeEventsCalls(sandbox);
  const started = Date.now();
  await testing.createStackIn(sandbox, record.db, record.stackId, stackName, testing.chainTemplate(resources));
  await tracker.enqueue(record.deploymentId);
  const results = await Promise.all(clients.map((c) => c.done));
  const seconds = (Date.now() - started) / 1000;
  const calls = (await testing.describeEventsCalls(sandbox)) - callsBefore;
  const latencies = results.flatMap((r) => r.latencies);
  const statuses = new Set(results.map((r) => r.finalStatus));
  if (statuses.size !== 1 || !statuses.has("succeeded")) throw new Error(`unexpected final statuses: ${[...statuses].join(", ")}`);
  return {
    label, viewers, calls, perMinute: (calls / seconds) * 60, events: latencies.length / viewers,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies), seconds,
  };
}

/** What the sandbox answers Throttling beyond (DescribeStacks is reported to be limited to about 5 calls/s). */
export const AWS_LIKE_LIMIT = { rate: 5, burst: 10 };

export interface ConcurrentResult {
  deployments: number;
  seconds: number;
  calls: number;
  meanPerSecond: number;
  /** The most calls in any 1 s and any 10 s window (sampled once a second). */
  peak1s: number;
  peak10s: number;
  throttled: number;
  lostEvents: number;
  storedEvents: number;
  failedDeployments: string[];
  personCalls: number;
  personThrottled: number;
  latencyP95: number;
}

/**
 * `count` deployments started together, each followed by one viewer, while a person's request-path call (an
 * unbudgeted DescribeStacks, debited) is made every 2 s: the budget must leave them room under the sandbox's limit.
 */
export async function concurrentDeployments(env: Env, startTrackers: () => Promise<Tracker[]>, count: number, resources: number): Promise<ConcurrentResult> {
  const { testing, sse, sandbox } = env;
  const { describeStack } = await import("../../lib/aws/cloudformation.ts");
  const records: ({ stackName: string } & Awaited<ReturnType<Testing["createDeployingRecord"]>>)[] = [];
  for (let i = 0; i < count; i++) {
    const stackName = testing.uniqueStackName(`many${i}`);
    records.push({ stackName, ...(await testing.createDeployingRecord({ stackName, changes: testing.logicalIds(resources) })) });
  }
  const since = new Date();
  const clients = records.map((r) => sse.followDeployment(`${env.serverUrl}/deployments/${r.deploymentId}/events`));
  await Promise.all(clients.map((c) => c.connected));
  // Created one after the other like a busy team's changes, all running together; then AWS's limit applies.
  for (const r of records) await testing.createStackIn(sandbox, r.db, r.stackId, r.stackName, testing.chainTemplate(resources));
  await sandbox.config({ rateLimits: { cloudformation: AWS_LIKE_LIMIT } });
  const statsNow = async () => (await sandbox.stats()) as { calls: Record<string, Record<string, number>>; throttled: number };
  const cfnCalls = (s: Awaited<ReturnType<typeof statsNow>>) => Object.values(s.calls.cloudformation ?? {}).reduce((a, b) => a + b, 0);
  const before = await statsNow();
  const samples: number[] = [cfnCalls(before)];
  const sampler = setInterval(() => void statsNow().then((s) => samples.push(cfnCalls(s))), 1_000);
  let personCalls = 0;
  let personThrottled = 0;
  const person = setInterval(() => {
    personCalls++;
    describeStack("us-east-1", records[0]!.stackName).catch((error: Error) => {
      if (/throttl/i.test(error.name + error.message)) personThrottled++;
    });
  }, 2_000);
  const started = Date.now();
  // Started once the stacks exist (their start-up sweep picks up every deploying deployment at once).
  const trackers = await startTrackers();
  let results: Awaited<(typeof clients)[number]["done"]>[];
  try {
    await Promise.all(records.map((r, i) => trackers[i % trackers.length]!.enqueue(r.deploymentId)));
    results = await Promise.all(clients.map((c) => c.done));
  } finally {
    for (const t of trackers) await t.stop();
  }
  clearInterval(sampler);
  clearInterval(person);
  const seconds = (Date.now() - started) / 1000;
  const after = await statsNow();
  const windows = (w: number) => Math.max(0, ...samples.slice(w).map((v, i) => v - samples[i]!));
  // Every event CloudFormation has for each stack's operation must be stored (checked without the limit).
  await sandbox.config({ rateLimits: {} });
  let lostEvents = 0;
  let storedEvents = 0;
  for (const r of records) {
    const expected = new Set(await testing.sandboxEventIds(sandbox, r.stackName, since));
    const stored = await env.db.stackEvent.findMany({ where: { deploymentId: r.deploymentId }, select: { eventId: true } });
    storedEvents += stored.length;
    for (const e of stored) expected.delete(e.eventId);
    lostEvents += expected.size;
  }
  const failed = await env.db.deployment.findMany({
    where: { id: { in: records.map((r) => r.deploymentId) }, OR: [{ status: { not: "succeeded" } }, { resultReason: { contains: "throttl", mode: "insensitive" } }] },
    select: { id: true, status: true, resultReason: true },
  });
  return {
    deployments: count, seconds, calls: cfnCalls(after) - cfnCalls(before), meanPerSecond: (cfnCalls(after) - cfnCalls(before)) / seconds,
    peak1s: windows(1), peak10s: windows(10), throttled: after.throttled - before.throttled, lostEvents, storedEvents,
    failedDeployments: failed.map((f) => `${f.id} ${f.status} ${f.resultReason ?? ""}`), personCalls, personThrottled,
    latencyP95: percentile(results.flatMap((r) => r.latencies), 95),
  };
}
