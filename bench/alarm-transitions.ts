// Alarm transitions to open pages: an alarm forced into ALARM (SetAlarmState) returns to its actual state one alarm
// period later (3 s at the dev sandbox speed 0.05), as AWS's do "quickly": a poller of states misses it. The tracker
// runs its alarm refresh as in production (every ALARM_REFRESH_SECONDS, default 10 s, reading DescribeAlarmHistory
// since the last run); an "open page" follows the same SSE stream the Alarms and stack pages use, waits the page's
// 1 s debounce and re-reads the page data (listStackAlarms). Measured: time from the transition (its history
// timestamp) to the page data showing it, for ALARM and for the flip back; transitions missed; history calls.
// Target: p95 < 15 s. Run: npx tsx --conditions=react-server bench/alarm-transitions.ts  (BENCH_FLIPS=20)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { CreateStackCommand } from "@aws-sdk/client-cloudformation";
import { SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { benchDatabase } from "./lib/database.ts";
import { describeWindow, startCpuWindow } from "./lib/machine.ts";
import { percentile } from "./deployment-sse.ts";

const FLIPS = Number(process.env.BENCH_FLIPS ?? 20);
const SPEED = 0.05; // npm run dev's sandbox speed
const STACKS = 3;

const scratch = await benchDatabase("stackdeck_bench_transitions");
process.env.DATABASE_URL = scratch.url;
const { WATCHED, watchedTemplate } = await import("../lib/alarms/test-support.ts");
const testing = await import("../lib/deployments/tracker/testing.ts");
const { startTracker } = await import("../lib/deployments/tracker/index.ts");
const { alarmEventStream } = await import("../lib/alarms/live.ts");
const { listStackAlarms } = await import("../lib/alarms/stack-alarms.ts");
const { refreshIntervalSeconds } = await import("../lib/alarms/refresh/job.ts");
const { makeActor, testDb } = await import("../lib/testing/fixtures.ts");

const sandbox = await testing.startSandboxForApp();
await sandbox.config({ speed: SPEED });
const db = await testDb();
const viewer = await makeActor("viewer", "staging");
const server = http.createServer((req, res) => {
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  res.writeHead(200, { "content-type": "text/event-stream" });
  const reader = alarmEventStream("staging", abort.signal).getReader();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      res.write(value);
    }
    res.end();
  })();
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const streamUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const names: string[] = [];
const env = await db.environment.findUniqueOrThrow({ where: { key: "staging" }, select: { id: true } });
for (let i = 0; i < STACKS; i++) {
  const name = `staging-flips-${i}-${Date.now().toString(36)}`;
  const { StackId } = await sandbox.cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: watchedTemplate({ alarms: 10 }), Parameters: [{ ParameterKey: "EnvironmentName", ParameterValue: "staging" }] }));
  const status = await testing.waitForStack(sandbox.cfn, name, 120_000);
  await db.stack.create({ data: { name, environmentId: env.id, templateName: WATCHED, region: "us-east-1", awsStackId: StackId, status } });
  names.push(name);
}

const tracker = await startTracker({ databaseUrl: scratch.url });
const window = startCpuWindow(() => [process.pid]);
const seen = new Map<string, number>(); // reason marker -> when the page data first showed it
const pageLatencies: number[] = [];
let reads = 0;
const abort = new AbortController();
// The open page: one SSE connection; each event -> 1 s (the page's debounce) -> re-read the stack pages' data.
const page = (async () => {
  const response = await fetch(streamUrl, { signal: abort.signal });
  const reader = response.body!.getReader();
  let pending: Promise<void> | null = null;
  const reread = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    reads++;
    for (const stack of names) {
      for (const item of (await listStackAlarms(db, viewer, stack)).items) {
        for (const change of item.stateChanges) {
          const key = `${item.name}|${change.toState}|${change.at}`;
          if (!seen.has(key)) seen.set(key, Date.now());
        }
      }
    }
    pending = null;
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (new TextDecoder().decode(value).includes("event: alarms")) pending ??= reread();
  }
})().catch(() => undefined);

try {
  // Let discovery and the first full read happen, then flip alarms at random moments.
  await testing.waitFor(() => db.alarm.count({ where: { refreshedAt: { not: null } } }), (n) => n >= STACKS * 10, 60_000, "the first alarm refresh");
  const flips: { alarm: string }[] = [];
  const firstFlip = new Date();
  for (let i = 0; i < FLIPS; i++) {
    await new Promise((resolve) => setTimeout(resolve, 2_000 + Math.random() * 8_000));
    const alarm = `${names[i % STACKS]}-a${1 + (i % 9)}`;
    await sandbox.cw.send(new SetAlarmStateCommand({ AlarmName: alarm, StateValue: "ALARM", StateReason: `bench flip ${i}` }));
    flips.push({ alarm });
  }
  await new Promise((resolve) => setTimeout(resolve, (refreshIntervalSeconds() + 8) * 1000)); // the last flip's way back
  // Every transition CloudWatch recorded for these alarms, from its own history, against what the page showed.
  const { describeStateHistory } = await import("../lib/aws/cloudwatch.ts");
  const all = [];
  let token: string | undefined;
  do {
    const page = await describeStateHistory("us-east-1", { start: new Date(Date.now() - 3_600_000), end: new Date(), nextToken: token });
    all.push(...page.items);
    token = page.nextToken ?? undefined;
  } while (token);
  const history = all.filter((h) => flips.some((f) => f.alarm === h.alarmName) && h.fromState !== h.toState && h.at >= firstFlip);
  let missed = 0;
  for (const h of history) {
    const at = seen.get(`${h.alarmName}|${h.toState}|${h.at.toISOString()}`);
    if (at === undefined) missed++;
    else pageLatencies.push(at - h.at.getTime());
  }
  const stats = (await sandbox.stats()) as { calls: { cloudwatch: Record<string, number> } };
  console.log(`\n${FLIPS} alarms forced into ALARM at random moments, each back to OK ~3 s later (sandbox speed ${SPEED}); alarm refresh every ${refreshIntervalSeconds()} s:`);
  console.log(`  transitions in CloudWatch's history: ${history.length} (ALARM and back); missed by the console: ${missed}`);
  console.log(`  transition -> open page's data: p50 ${percentile(pageLatencies, 50)} ms, p95 ${percentile(pageLatencies, 95)} ms, max ${Math.max(...pageLatencies)} ms (target p95 < 15000 ms): ${percentile(pageLatencies, 95) < 15_000 && missed === 0 ? "OK" : "FAIL"}`);
  console.log(`  CloudWatch calls: DescribeAlarmHistory ${stats.calls.cloudwatch.DescribeAlarmHistory ?? 0}, DescribeAlarms ${stats.calls.cloudwatch.DescribeAlarms ?? 0}, GetMetricData ${stats.calls.cloudwatch.GetMetricData ?? 0}; page re-reads ${reads}`);
  console.log(`  ${describeWindow("run (bench process only under test)", window.stop())}`);
} finally {
  abort.abort();
  await page;
  await tracker.stop();
  server.closeAllConnections();
  server.close();
  await sandbox.close();
  await db.$disconnect();
  await scratch.drop();
}
process.exit(0);
