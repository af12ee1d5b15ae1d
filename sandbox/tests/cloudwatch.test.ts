import {
  CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, DescribeAlarmsForMetricCommand,
  GetMetricDataCommand, ListMetricsCommand, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { UnknownOperationError } from "../core/contracts.ts";
import { sandboxClientConfig } from "../testing/client-config.ts";
import { startStubQuerySandbox } from "../testing/stub-sandbox.ts";

const noQuery = { protocol: "query" as const, handle: async (action: string) => { throw new UnknownOperationError(action); } };
let sandbox: Awaited<ReturnType<typeof startStubQuerySandbox>>;
beforeAll(async () => {
  sandbox = await startStubQuerySandbox(noQuery, { speed: 0.001 });
});
afterAll(() => sandbox.close());

const cpuAlarm = (name: string, threshold: number, extra: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput => ({
  AlarmName: name, Namespace: "AWS/ECS", MetricName: "CPUUtilization",
  Dimensions: [{ Name: "ClusterName", Value: "prod" }, { Name: "ServiceName", Value: name }],
  Statistic: "Average", Period: 60, EvaluationPeriods: 1, Threshold: threshold, ComparisonOperator: "GreaterThanThreshold", ...extra,
});

async function waitForState(name: string, state: string) {
  for (let i = 0; i < 200; i += 1) {
    const { MetricAlarms } = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
    if (MetricAlarms?.[0]?.StateValue === state) return MetricAlarms[0];
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`alarm ${name} never reached ${state}`);
}

describe("alarms", () => {
  test("PutMetricAlarm creates an alarm that DescribeAlarms returns with AWS's fields", async () => {
    await sandbox.cw.send(new PutMetricAlarmCommand(cpuAlarm("shape", 80, { AlarmActions: ["arn:aws:sns:us-east-1:000000000000:ops"] })));
    const { MetricAlarms } = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["shape"] }));
    expect(MetricAlarms?.[0]).toMatchObject({
      AlarmName: "shape", AlarmArn: "arn:aws:cloudwatch:us-east-1:000000000000:alarm:shape",
      Namespace: "AWS/ECS", Threshold: 80, ActionsEnabled: true, StateValue: "INSUFFICIENT_DATA",
      StateReason: "Unchecked: Initial alarm creation",
    });
    expect(MetricAlarms?.[0]?.AlarmConfigurationUpdatedTimestamp).toBeInstanceOf(Date);
  });

  test("PutMetricAlarm validates like AWS", async () => {
    const bad = await sandbox.cw.send(new PutMetricAlarmCommand(cpuAlarm("bad", 1, { Period: 45 }))).catch((e: unknown) => e);
    expect(bad).toMatchObject({ name: "InvalidParameterValueException", Code: "InvalidParameterValue" });
    const both = await sandbox.cw.send(new PutMetricAlarmCommand(cpuAlarm("bad", 1, { ExtendedStatistic: "p99" }))).catch((e: unknown) => e);
    expect(both).toMatchObject({ Code: "InvalidParameterCombination" });
    const tooLong = await sandbox.cw.send(new PutMetricAlarmCommand(cpuAlarm("bad", 1, { Period: 300, EvaluationPeriods: 289 }))).catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ Code: "InvalidParameterValue" });
  });

  test("DescribeAlarms filters and paginates by name", async () => {
    for (let i = 0; i < 7; i += 1) {
      await sandbox.cw.send(new PutMetricAlarmCommand(cpuAlarm(`page-${i}`, 1000, { OKActions: i === 3 ? ["arn:aws:sns:us-east-1:000000000000:pager"] : [] })));
    }
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "page-", MaxRecords: 3, NextToken: token }));
      names.push(...(page.MetricAlarms ?? []).map((alarm) => alarm.AlarmName!));
      token = page.NextToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(Array.from({ length: 7 }, (_, i) => `page-${i}`));
    const byAction = await sandbox.cw.send(new DescribeAlarmsCommand({ ActionPrefix: "arn:aws:sns:us-east-1:000000000000:pag" }));
    expect(byAction.MetricAlarms?.map((alarm) => alarm.AlarmName)).toEqual(["page-3"]);
    const combined = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["a"], AlarmNamePrefix: "a" })).catch((e: unknown) => e);
    expect(combined).toMatchObject({ Code: "InvalidParameterCombination" });
    const forMetric = await sandbox.cw.send(new DescribeAlarmsForMetricCommand({
      Namespace: "AWS/ECS", MetricName: "CPUUtilization", Dimensions: cpuAlarm("page-5", 0).Dimensions,
    }));
    expect(forMetric.MetricAlarms?.map((alarm) => alarm.AlarmName)).toEqual(["page-5"]);
  });

  test("alarms follow their metric; a forced state holds until the next evaluation disagrees", async () => {
    // Data for this minute and the next few, so the evaluation window never lands on a minute without any.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const publish = (service: string) => sandbox.cw.send(new PutMetricDataCommand({
      Namespace: "AWS/ECS",
      MetricData: [0, 1, 2, 3].map((i) => ({ MetricName: "CPUUtilization", Dimensions: cpuAlarm(service, 0).Dimensions, Timestamp: new Date(minute + i * 60_000), Value: 50 })),
    }));
    await Promise.all([publish("always"), publish("never")]);
    await sandbox.cw.send(new PutMetricAlarmCommand(cpuAlarm("always", -1)));
    await sandbox.cw.send(new PutMetricAlarmCommand(cpuAlarm("never", 1000)));
    const breached = await waitForState("always", "ALARM");
    expect(breached.StateReason).toMatch(/^Threshold Crossed: 1 datapoint \[[\d.]+ \(\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\)\] was greater than the threshold \(-1\)\.$/);
    await waitForState("never", "OK");
    const byState = await sandbox.cw.send(new DescribeAlarmsCommand({ StateValue: "ALARM", AlarmNamePrefix: "always" }));
    expect(byState.MetricAlarms).toHaveLength(1);

    await sandbox.cw.send(new SetAlarmStateCommand({ AlarmName: "always", StateValue: "OK", StateReason: "drill" }));
    const forced = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["always"] }));
    expect(forced.MetricAlarms?.[0]).toMatchObject({ StateValue: "OK", StateReason: "drill" });
    await waitForState("always", "ALARM");

    const history = await sandbox.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: "always", HistoryItemType: "StateUpdate" }));
    const summaries = history.AlarmHistoryItems?.map((item) => item.HistorySummary);
    expect(summaries?.slice(0, 3)).toEqual([
      "Alarm updated from OK to ALARM", "Alarm updated from ALARM to OK", "Alarm updated from INSUFFICIENT_DATA to ALARM",
    ]);
    const data = JSON.parse(history.AlarmHistoryItems![1].HistoryData!);
    expect(data).toMatchObject({ version: "1.0", oldState: { stateValue: "ALARM" }, newState: { stateValue: "OK", stateReason: "drill" } });
    const ascending = await sandbox.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: "always", ScanBy: "TimestampAscending", MaxRecords: 1 }));
    expect(ascending.AlarmHistoryItems?.[0]).toMatchObject({ HistoryItemType: "ConfigurationUpdate", HistorySummary: 'Alarm "always" created' });
    const next = await sandbox.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: "always", ScanBy: "TimestampAscending", MaxRecords: 1, NextToken: ascending.NextToken }));
    expect(next.AlarmHistoryItems?.[0]?.HistorySummary).toBe("Alarm updated from INSUFFICIENT_DATA to ALARM");
  });

  test("a custom metric has only what PutMetricData sent, and that drives the alarm", async () => {
    await sandbox.cw.send(new PutMetricAlarmCommand({ ...cpuAlarm("custom", 10), Namespace: "Stackdeck/Test", MetricName: "QueueDepth", Dimensions: [] }));
    await waitForState("custom", "INSUFFICIENT_DATA");
    await sandbox.cw.send(new PutMetricDataCommand({ Namespace: "Stackdeck/Test", MetricData: [{ MetricName: "QueueDepth", Value: 50 }] }));
    await waitForState("custom", "ALARM");
    const metrics = await sandbox.cw.send(new ListMetricsCommand({ Namespace: "Stackdeck/Test" }));
    expect(metrics.Metrics).toEqual([{ Namespace: "Stackdeck/Test", MetricName: "QueueDepth", Dimensions: [] }]);
  });

  test("state is kept per region", async () => {
    const other = new CloudWatchClient(sandboxClientConfig(sandbox.url, { region: "eu-central-1" }));
    await other.send(new PutMetricAlarmCommand(cpuAlarm("frankfurt-only", 1)));
    const here = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["frankfurt-only"] }));
    const there = await other.send(new DescribeAlarmsCommand({ AlarmNames: ["frankfurt-only"] }));
    other.destroy();
    expect(here.MetricAlarms).toEqual([]);
    expect(there.MetricAlarms?.[0]?.AlarmArn).toBe("arn:aws:cloudwatch:eu-central-1:000000000000:alarm:frankfurt-only");
  });

  test("DeleteAlarms deletes the named alarms and skips unknown names", async () => {
    await sandbox.cw.send(new PutMetricAlarmCommand(cpuAlarm("doomed", 1)));
    await sandbox.cw.send(new DeleteAlarmsCommand({ AlarmNames: ["doomed", "never-existed"] }));
    const { MetricAlarms } = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["doomed"] }));
    expect(MetricAlarms).toEqual([]);
  });
});

describe("metric data", () => {
  const query = (start: Date, end: Date) => new GetMetricDataCommand({
    StartTime: start, EndTime: end,
    MetricDataQueries: [
      { Id: "cpu", MetricStat: { Metric: { Namespace: "AWS/RDS", MetricName: "CPUUtilization", Dimensions: [{ Name: "DBInstanceIdentifier", Value: "db1" }] }, Period: 300, Stat: "Average" } },
      { Id: "errors", MetricStat: { Metric: { Namespace: "AWS/ApplicationELB", MetricName: "HTTPCode_Target_5XX_Count", Dimensions: [{ Name: "LoadBalancer", Value: "app/web/1" }] }, Period: 300, Stat: "Sum" } },
    ],
  });

  test("a metric nothing publishes has no datapoints; an alarm on it stays INSUFFICIENT_DATA", async () => {
    const end = new Date(Math.floor(Date.now() / 300_000) * 300_000);
    const result = await sandbox.cw.send(query(new Date(end.getTime() - 6 * 3_600_000), end));
    expect(result.MetricDataResults?.map((r) => [r.Id, r.Timestamps, r.Values, r.StatusCode])).toEqual([["cpu", [], [], "Complete"], ["errors", [], [], "Complete"]]);
    await sandbox.cw.send(new PutMetricAlarmCommand({ ...cpuAlarm("nobody", 10), Namespace: "AWS/RDS", Dimensions: [{ Name: "DBInstanceIdentifier", Value: "no-such-db" }] }));
    await new Promise((r) => setTimeout(r, 300)); // several simulated evaluation minutes at this speed
    expect((await waitForState("nobody", "INSUFFICIENT_DATA")).StateValue).toBe("INSUFFICIENT_DATA");
    expect((await sandbox.cw.send(new ListMetricsCommand({ Namespace: "AWS/RDS" }))).Metrics).toEqual([]);
  });

  test("an ECS service publishes CPU and memory from the minute its tasks run, never before, the same on every call", async () => {
    const before = Date.now();
    await sandbox.ecs.send(new CreateClusterCommand({ clusterName: "metrics" }));
    await sandbox.ecs.send(new RegisterTaskDefinitionCommand({ family: "web", containerDefinitions: [{ name: "web", image: "web:1", essential: true }], cpu: "256", memory: "512", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc" }));
    const metric = (name: string) => ({ Namespace: "AWS/ECS", MetricName: name, Dimensions: [{ Name: "ClusterName", Value: "metrics" }, { Name: "ServiceName", Value: "web" }] });
    const read = () => sandbox.cw.send(new GetMetricDataCommand({
      StartTime: new Date(before - 3_600_000), EndTime: new Date(Date.now() + 60_000),
      MetricDataQueries: [{ Id: "cpu", MetricStat: { Metric: metric("CPUUtilization"), Period: 60, Stat: "Average" } }, { Id: "mem", MetricStat: { Metric: metric("MemoryUtilization"), Period: 60, Stat: "Average" } }],
    }));
    expect((await read()).MetricDataResults?.map((r) => r.Values)).toEqual([[], []]);
    await sandbox.ecs.send(new CreateServiceCommand({ cluster: "metrics", serviceName: "web", taskDefinition: "web", desiredCount: 1, launchType: "FARGATE" }));
    let result = await read();
    for (let i = 0; i < 200 && !result.MetricDataResults![0]!.Values!.length; i++) {
      await new Promise((r) => setTimeout(r, 10));
      result = await read();
    }
    const [cpu, memory] = result.MetricDataResults!;
    expect(cpu!.Values!.length).toBeGreaterThanOrEqual(1);
    expect(memory!.Values!.length).toBe(cpu!.Values!.length);
    // Nothing before the tasks ran: the first datapoint is the minute the first task started in.
    expect(Math.min(...cpu!.Timestamps!.map((t) => t.getTime()))).toBeGreaterThanOrEqual(Math.floor(before / 60_000) * 60_000);
    expect(cpu!.Values!.every((v) => v >= 0 && v <= 100)).toBe(true);
    expect((await read()).MetricDataResults).toEqual(result.MetricDataResults);
    const listed = await sandbox.cw.send(new ListMetricsCommand({ Namespace: "AWS/ECS", Dimensions: [{ Name: "ClusterName", Value: "metrics" }] }));
    expect(listed.Metrics?.map((m) => `${m.MetricName} ${m.Dimensions?.map((d) => d.Name).join("+")}`).sort()).toEqual([
      "CPUUtilization ClusterName", "CPUUtilization ClusterName+ServiceName", "MemoryUtilization ClusterName", "MemoryUtilization ClusterName+ServiceName",
    ]);
  });

  test("PutMetricData writes datapoints, including gzip-compressed large bodies", async () => {
    const at = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 120_000);
    const metric = { Namespace: "AWS/RDS", MetricName: "CPUUtilization", Dimensions: [{ Name: "DBInstanceIdentifier", Value: "db2" }] };
    const data = Array.from({ length: 150 }, (_, i) => ({ MetricName: metric.MetricName, Dimensions: metric.Dimensions, Timestamp: at, Value: 97, Unit: "Percent" as const, StorageResolution: 60 + i * 0 }));
    await sandbox.cw.send(new PutMetricDataCommand({ Namespace: metric.Namespace, MetricData: data }));
    const result = await sandbox.cw.send(new GetMetricDataCommand({
      StartTime: at, EndTime: new Date(at.getTime() + 60_000),
      MetricDataQueries: [{ Id: "m", MetricStat: { Metric: metric, Period: 60, Stat: "SampleCount" } }, { Id: "avg", MetricStat: { Metric: metric, Period: 60, Stat: "Average" } }],
    }));
    expect(result.MetricDataResults?.map((r) => r.Values)).toEqual([[150], [97]]);
  });

  test("invalid queries are rejected", async () => {
    const error = await sandbox.cw.send(new GetMetricDataCommand({
      StartTime: new Date(), EndTime: new Date(Date.now() - 1000),
      MetricDataQueries: [{ Id: "m", MetricStat: { Metric: { Namespace: "AWS/EC2", MetricName: "CPUUtilization" }, Period: 60, Stat: "Average" } }],
    })).catch((e: unknown) => e);
    expect(error).toMatchObject({ Code: "InvalidParameterValue" });
  });
});
