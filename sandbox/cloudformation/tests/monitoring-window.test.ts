// Rollback triggers with a monitoring window, checked against the user guide's "Roll back your CloudFormation stack
// on alarm breach with rollback triggers" and the RollbackConfiguration API reference: CloudFormation watches the
// alarms during the operation and for MonitoringTimeInMinutes after all resources are deployed; an alarm in ALARM
// within that time rolls the whole operation back; once the window has passed, an alarm changes nothing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { CreateStackCommand, DescribeStacksCommand, UpdateStackCommand } from "@aws-sdk/client-cloudformation";
import { DescribeAlarmsCommand, PutMetricAlarmCommand, SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { allEvents, resourceStatuses, stackStatuses, waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
// Speed 0.005: the one-hour window lasts 18 s of wall time, so a loaded CI machine still fires the alarm inside it.
beforeAll(async () => void (sandbox = await startTestSandbox({ speed: 0.005 })));
afterAll(() => sandbox.close());

const body = (days: number) => `Resources:\n  Logs: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: ${days} } }\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function alarmArn(name: string): Promise<string> {
  await sandbox.cw.send(new PutMetricAlarmCommand({
    AlarmName: name, Namespace: "Orders", MetricName: "Errors", Statistic: "Sum", Period: 60, EvaluationPeriods: 1,
    Threshold: 1_000_000, ComparisonOperator: "GreaterThanThreshold",
  }));
  return (await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms![0].AlarmArn!;
}

async function stackStatus(name: string): Promise<string | undefined> {
  return (await sandbox.cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus;
}

it("rolls an update back when a trigger alarm fires in the monitoring window, and ignores it after the window", async () => {
  const windowAlarm = await alarmArn("orders-errors-window");
  const lateAlarm = await alarmArn("orders-errors-late");
  await sandbox.cfn.send(new CreateStackCommand({ StackName: "watched", TemplateBody: body(7) }));
  expect(await waitForStack(sandbox.cfn, "watched")).toBe("CREATE_COMPLETE");

  // An hour of simulated monitoring starts once the log group is updated; the alarm ends it early.
  await sandbox.cfn.send(new UpdateStackCommand({
    StackName: "watched", TemplateBody: body(14),
    RollbackConfiguration: { RollbackTriggers: [{ Arn: windowAlarm, Type: "AWS::CloudWatch::Alarm" }], MonitoringTimeInMinutes: 60 },
  }));
  while (!(await resourceStatuses(sandbox.cfn, "watched", "Logs")).slice(3).includes("UPDATE_COMPLETE")) await sleep(5);
  expect(await stackStatus("watched")).toBe("UPDATE_IN_PROGRESS");
  await sandbox.cw.send(new SetAlarmStateCommand({ AlarmName: "orders-errors-window", StateValue: "ALARM", StateReason: "errors spiked" }));
  expect(await waitForStack(sandbox.cfn, "watched")).toBe("UPDATE_ROLLBACK_COMPLETE");
  expect((await stackStatuses(sandbox.cfn, "watched")).slice(2)).toEqual([
    "UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE",
  ]);
  // Deployed first, rolled back (to 7 days) after the alarm fired.
  expect((await allEvents(sandbox.cfn, "watched")).slice(-7).map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`)).toEqual([
    "Logs UPDATE_IN_PROGRESS", "Logs UPDATE_COMPLETE", "watched UPDATE_ROLLBACK_IN_PROGRESS", "Logs UPDATE_IN_PROGRESS",
    "Logs UPDATE_COMPLETE", "watched UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "watched UPDATE_ROLLBACK_COMPLETE",
  ]);
  const rollback = (await allEvents(sandbox.cfn, "watched")).find((e) => e.ResourceStatus === "UPDATE_ROLLBACK_IN_PROGRESS");
  expect(rollback?.ResourceStatusReason).toBe(`Stack operation rolled back: alarm ${windowAlarm} is in ALARM state`);

  // One minute of monitoring: the update completes; an alarm after that is no longer watched by this operation.
  await sandbox.cfn.send(new UpdateStackCommand({
    StackName: "watched", TemplateBody: body(30),
    RollbackConfiguration: { RollbackTriggers: [{ Arn: lateAlarm, Type: "AWS::CloudWatch::Alarm" }], MonitoringTimeInMinutes: 1 },
  }));
  expect(await waitForStack(sandbox.cfn, "watched")).toBe("UPDATE_COMPLETE");
  const eventCount = (await allEvents(sandbox.cfn, "watched")).length;
  await sandbox.cw.send(new SetAlarmStateCommand({ AlarmName: "orders-errors-late", StateValue: "ALARM", StateReason: "errors spiked" }));
  await sleep(1_500); // five simulated minutes
  expect(await stackStatus("watched")).toBe("UPDATE_COMPLETE");
  expect(await allEvents(sandbox.cfn, "watched")).toHaveLength(eventCount);
  const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "watched" }));
  expect(Stacks?.[0]?.RollbackConfiguration).toEqual({
    RollbackTriggers: [{ Arn: lateAlarm, Type: "AWS::CloudWatch::Alarm" }], MonitoringTimeInMinutes: 1,
  });
});
