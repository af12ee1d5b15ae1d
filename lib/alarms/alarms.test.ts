import { WATCHED, watchedTemplate } from "./test-support.ts";
import { withAwsTarget } from "../aws/target-context.ts";
import { BASE_TARGET } from "../aws/testing.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutMetricDataCommand, SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { CreateStackCommand as CfnCreateStack } from "@aws-sdk/client-cloudformation";
import type { TestSandbox } from "../../sandbox/testing/harness.ts";
import { waitForStack } from "../../sandbox/cloudformation/testing/helpers.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { startSandboxForApp, useOwnDatabase, waitFor } from "../deployments/tracker/testing.ts";
import { startTracker, type Tracker } from "../deployments/tracker/index.ts";
import type { Actor } from "../auth/guard.ts";
import { refreshEnvironmentAlarms } from "./refresh/refresh.ts";
import { alarmsInAlarmFor, getAlarm, listAlarms } from "./queries.ts";
import { listStackAlarms } from "./stack-alarms.ts";
import { alarmSeries } from "./metrics.ts";
import { alarmPeriodsFrom, buildChartModel } from "./chart.ts";

let sandbox: TestSandbox;
let dropDatabase: () => Promise<void>;
let viewer: Actor;
let tracker: Tracker | undefined;
let counter = 0;

beforeAll(async () => {
  dropDatabase = await useOwnDatabase("alarms");
  sandbox = await startSandboxForApp();
  await sandbox.config({ speed: 0.01 });
  viewer = await makeActor("viewer", "staging");
});
afterAll(async () => {
  await tracker?.stop().catch(() => undefined);
  await sandbox?.close();
  await dropDatabase?.();
});

/** A stack of the watched template, created straight in the sandbox, with its row as the tracker leaves it. */
async function watchedStack(label: string, alarms = 2) {
  const db = await testDb();
  const environment = await db.environment.findUniqueOrThrow({ where: { key: "staging" }, select: { id: true } });
  const name = `staging-${label}-${Date.now().toString(36)}${(counter++).toString(36)}`;
  const row = await db.stack.create({ data: { name, environmentId: environment.id, templateName: WATCHED, region: "us-east-1" }, select: { id: true } });
  const { StackId } = await sandbox.cfn.send(new CfnCreateStack({ StackName: name, TemplateBody: watchedTemplate({ alarms }), Parameters: [{ ParameterKey: "EnvironmentName", ParameterValue: "staging" }] }));
  const status = await waitForStack(sandbox.cfn, name, 60_000);
  await db.stack.update({ where: { id: row.id }, data: { awsStackId: StackId, status }, select: { id: true } });
  return { id: row.id, name };
}

const force = (name: string, state: "ALARM" | "OK") =>
  sandbox.cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: `test forced ${state}` }));

async function describeAlarmsCalls(): Promise<number> {
  const stats = (await sandbox.stats()) as { calls?: Record<string, Record<string, number>> };
  return stats.calls?.cloudwatch?.DescribeAlarms ?? 0;
}

describe("alarms", () => {
  it("lists the alarms a stack created, with the right stack and resource, after one refresh", async () => {
    const stack = await watchedStack("listed", 3);
    const result = await refreshEnvironmentAlarms(await testDb(), "staging");
    expect(result.stacksScanned).toBeGreaterThanOrEqual(1);
    const { items: alarms } = await listStackAlarms(await testDb(), viewer, stack.name);
    expect(alarms.map((a) => [a.name, a.resource, a.stack]).sort()).toEqual([
      [`${stack.name}-a1`, "Alarm1", stack.name],
      [`${stack.name}-a2`, "Alarm2", stack.name],
      [`${stack.name}-cpu`, "CpuAlarm", stack.name],
    ]);
    const cpu = alarms.find((a) => a.resource === "CpuAlarm")!;
    expect(cpu).toMatchObject({ environment: "staging", namespace: "AWS/RDS", metricName: "CPUUtilization", threshold: 90, condition: "CPUUtilization Average > 90 for 1 min" });
  });

  it("shows a state set with SetAlarmState after one refresh, ALARM first, and records the change", async () => {
    const stack = await watchedStack("forced");
    const db = await testDb();
    await refreshEnvironmentAlarms(db, "staging");
    await force(`${stack.name}-a1`, "ALARM");
    const result = await refreshEnvironmentAlarms(db, "staging");
    expect(result.stateChanges).toBeGreaterThanOrEqual(1);

    const page = await listAlarms(db, viewer, { environment: "staging", stack: stack.name });
    expect(page.items[0]).toMatchObject({ name: `${stack.name}-a1`, state: "ALARM", stateReason: "test forced ALARM" });
    expect(page.counts.ALARM).toBe(1);
    expect((await listAlarms(db, viewer, { environment: "staging", state: "ALARM" })).items.map((a) => a.name)).toContain(`${stack.name}-a1`);
    expect((await alarmsInAlarmFor(db, stack.name)).map((a) => a.name)).toEqual([`${stack.name}-a1`]);

    const detail = await getAlarm(db, viewer, { environment: "staging", name: `${stack.name}-a1` });
    expect(detail.changes[0]).toMatchObject({ fromState: expect.any(String), toState: "ALARM", reason: "test forced ALARM" });
    const { items, changes } = await listStackAlarms(db, viewer, stack.name);
    expect(changes.some((c) => c.alarm === `${stack.name}-a1` && c.toState === "ALARM")).toBe(true);
    const a1 = items.find((a) => a.name === `${stack.name}-a1`)!;
    expect(a1.state).toBe("ALARM");
    expect(a1.stateChanges[0]).toMatchObject({ fromState: expect.any(String), toState: "ALARM", reason: "test forced ALARM", at: expect.any(String) });
  });

  it("records a transition that went into ALARM and back between two refreshes, from the alarm history", async () => {
    const stack = await watchedStack("flapped");
    const db = await testDb();
    await refreshEnvironmentAlarms(db, "staging");
    const name = `${stack.name}-a1`;
    await force(name, "ALARM");
    await force(name, "OK"); // a poller of states alone would never know
    const historyBefore = ((await sandbox.stats()) as { calls: { cloudwatch: Record<string, number> } }).calls.cloudwatch.DescribeAlarmHistory ?? 0;
    const result = await refreshEnvironmentAlarms(db, "staging");
    const historyCalls = ((await sandbox.stats()) as { calls: { cloudwatch: Record<string, number> } }).calls.cloudwatch.DescribeAlarmHistory! - historyBefore;
    expect(historyCalls).toBe(result.historyCalls);
    expect(result.historyCalls).toBe(1); // one environment, one region
    const item = (await listStackAlarms(db, viewer, stack.name)).items.find((a) => a.name === name)!;
    expect(item.state).toBe("OK");
    expect(item.stateChanges.slice(0, 2).map((c) => [c.fromState, c.toState])).toEqual([["ALARM", "OK"], [expect.any(String), "ALARM"]]);
    expect(Date.parse(item.stateChanges[0]!.at)).toBeGreaterThanOrEqual(Date.parse(item.stateChanges[1]!.at));
    // Read again: nothing is recorded twice.
    await refreshEnvironmentAlarms(db, "staging");
    const again = (await listStackAlarms(db, viewer, stack.name)).items.find((a) => a.name === name)!;
    expect(again.stateChanges.filter((c) => c.toState === "ALARM")).toHaveLength(1);
    // Issue 16: into ALARM and back to OK are audit entries (what notifications subscribe to), each once.
    const audit = await db.auditEvent.findMany({ where: { targetType: "alarm", targetId: name }, orderBy: { seq: "asc" }, select: { action: true, environment: true, details: true } });
    expect(audit.map((a) => [a.action, a.environment])).toEqual([["alarm.alarm", "staging"], ["alarm.ok", "staging"]]);
    expect(audit[0]!.details).toMatchObject({ to: "ALARM", reason: "test forced ALARM" });
  });

  it("stores each alarm's recent metric points for the sparklines, so pages never ask CloudWatch", async () => {
    const stack = await watchedStack("points", 1);
    const db = await testDb();
    // Three hours of the instance's CPU, as a monitoring agent would have sent them (nothing invents metric data).
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    await sandbox.cw.send(new PutMetricDataCommand({
      Namespace: "AWS/RDS",
      MetricData: Array.from({ length: 180 }, (_, i) => ({
        MetricName: "CPUUtilization", Dimensions: [{ Name: "DBInstanceIdentifier", Value: `${stack.name}-db0` }],
        Timestamp: new Date(minute - (180 - i) * 60_000), Value: 30 + (i % 20),
      })),
    }));
    const result = await refreshEnvironmentAlarms(db, "staging");
    expect(result.metricCalls).toBeGreaterThanOrEqual(1);
    const [cpu] = (await listStackAlarms(db, viewer, stack.name)).items;
    expect(cpu!.recentPoints.length).toBeGreaterThan(20); // 3 hours of 5-minute points
    expect(cpu!.recentPoints.every((p) => p.v >= 0 && p.v <= 100)).toBe(true);
    expect(cpu!.pointsRefreshedAt).not.toBeNull();
    expect((await refreshEnvironmentAlarms(db, "staging")).metricCalls).toBe(0); // not due again for minutes
  });

  it("draws the metric: GetMetricData points, the threshold line and the ALARM periods", async () => {
    const stack = await watchedStack("chart", 1);
    const db = await testDb();
    await refreshEnvironmentAlarms(db, "staging");
    const alarm = await getAlarm(db, viewer, { environment: "staging", name: `${stack.name}-cpu` });
    // Nothing publishes this instance's CPU yet: the graph has no data, as on AWS for a metric nobody writes.
    expect((await withAwsTarget(BASE_TARGET, () => alarmSeries(alarm, "24h"))).points).toEqual([]);
    // Three hours of one-minute datapoints, as a monitoring agent would have sent them.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    await sandbox.cw.send(new PutMetricDataCommand({
      Namespace: "AWS/RDS",
      MetricData: Array.from({ length: 180 }, (_, i) => ({
        MetricName: "CPUUtilization", Dimensions: [{ Name: "DBInstanceIdentifier", Value: `${stack.name}-db0` }],
        Timestamp: new Date(minute - (180 - i) * 60_000), Value: 30 + (i % 20),
      })),
    }));
    const series = await withAwsTarget(BASE_TARGET, () => alarmSeries(alarm, "3h"));
    expect(series.points.length).toBeGreaterThanOrEqual(150);
    expect(series.points.every((p) => p.v >= 0 && p.v <= 100)).toBe(true);
    const periods = alarmPeriodsFrom([{ at: series.end - 3_600_000, fromState: "OK", toState: "ALARM" }, { at: series.end - 1_800_000, fromState: "ALARM", toState: "OK" }], series, "OK");
    const model = buildChartModel({ points: series.points, threshold: alarm.threshold, alarmPeriods: periods, start: series.start, end: series.end, width: 720, height: 240 });
    expect(model.pointCount).toBe(series.points.length);
    expect(model.line).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(model.thresholdY).toBeGreaterThanOrEqual(model.plot.top);
    expect(model.thresholdY).toBeLessThan(model.plot.bottom);
    expect(model.shaded).toHaveLength(1);
    expect(model.shaded[0]!.width).toBeCloseTo((model.plot.right - model.plot.left) / 6, 0);
    expect(model.xTicks.length).toBeGreaterThan(2);
  });

  it("makes at most one DescribeAlarms call per 100 alarms per refresh", async () => {
    // Templates are limited to 51,200 bytes: two stacks of 120 alarms.
    await Promise.all([watchedStack("many", 120), watchedStack("many", 120)]);
    const db = await testDb();
    await refreshEnvironmentAlarms(db, "staging"); // discovers the new stack's alarms
    const before = await describeAlarmsCalls();
    const result = await refreshEnvironmentAlarms(db, "staging", new Date(Date.now() + 61_000)); // the full read is due again
    const calls = (await describeAlarmsCalls()) - before;
    expect(result.alarms).toBeGreaterThanOrEqual(240);
    expect(calls).toBe(result.describeCalls);
    expect(calls).toBe(Math.ceil(result.alarms / 100));
  }, 120_000);

  // Behaviour only: how often it calls CloudWatch per interval is a figure, measured in bench/alarms.ts.
  it("the tracker runs the alarm refresh job: a forced ALARM reaches the database and is recorded as a change", async () => {
    const stack = await watchedStack("tracked");
    const db = await testDb();
    await refreshEnvironmentAlarms(db, "staging");
    process.env.ALARM_REFRESH_SECONDS = "1";
    tracker = await startTracker({ databaseUrl: process.env.DATABASE_URL!, maintenanceSeconds: 1, sweepMs: 2_000 });
    let keepForcing = true;
    const forcing = (async () => {
      while (keepForcing) {
        await force(`${stack.name}-cpu`, "ALARM");
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    try {
      await waitFor(() => db.alarm.findUniqueOrThrow({ where: { region_name: { region: "us-east-1", name: `${stack.name}-cpu` } }, select: { state: true } }), (a) => a.state === "ALARM", 15_000, "the refresh job to store ALARM");
    } finally {
      keepForcing = false;
      await forcing;
    }
    const changes = await db.alarmStateChange.count({ where: { alarm: { name: `${stack.name}-cpu` }, toState: "ALARM" } });
    expect(changes).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
