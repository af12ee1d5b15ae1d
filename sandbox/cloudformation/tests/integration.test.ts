// What CloudFormation does to and with the other services: alarms and ECS objects appear and disappear with their
// stack, rollback triggers read alarm states, exports link stacks, and state survives a restart.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateChangeSetCommand, CreateStackCommand, DeleteStackCommand, DescribeStacksCommand, ExecuteChangeSetCommand, UpdateStackCommand,
  waitUntilChangeSetCreateComplete,
} from "@aws-sdk/client-cloudformation";
import { DescribeAlarmsCommand, PutMetricAlarmCommand, SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeServicesCommand, ListClustersCommand } from "@aws-sdk/client-ecs";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { allEvents, stackStatuses, waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(() => sandbox.close());

const serviceTemplate = (desired: number) => `
Resources:
  Cluster: { Type: AWS::ECS::Cluster, Properties: { ClusterName: web-cluster } }
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      Cpu: "256"
      Memory: "512"
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      ContainerDefinitions: [{ Name: web, Image: nginx, PortMappings: [{ ContainerPort: 80 }] }]
  Service:
    Type: AWS::ECS::Service
    Properties: { Cluster: !Ref Cluster, ServiceName: web, TaskDefinition: !Ref Task, DesiredCount: ${desired}, LaunchType: FARGATE }
  HighCpu:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: web-high-cpu
      Namespace: AWS/ECS
      MetricName: CPUUtilization
      Dimensions: [{ Name: ClusterName, Value: !Ref Cluster }, { Name: ServiceName, Value: !GetAtt Service.Name }]
      Statistic: Average
      Period: 60
      EvaluationPeriods: 1
      Threshold: 80
      ComparisonOperator: GreaterThanThreshold
`;

describe("CloudFormation with CloudWatch and ECS", () => {
  it("provisions alarms and ECS objects through those services and removes them with the stack", async () => {
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "web", TemplateBody: serviceTemplate(2) }));
    expect(await waitForStack(sandbox.cfn, "web")).toBe("CREATE_COMPLETE");
    const alarms = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["web-high-cpu"] }));
    expect(alarms.MetricAlarms?.[0]?.Dimensions).toEqual([{ Name: "ClusterName", Value: "web-cluster" }, { Name: "ServiceName", Value: "web" }]);
    expect((await sandbox.ecs.send(new ListClustersCommand({}))).clusterArns).toContain("arn:aws:ecs:us-east-1:000000000000:cluster/web-cluster");
    await sandbox.cfn.send(new UpdateStackCommand({ StackName: "web", TemplateBody: serviceTemplate(3) }));
    expect(await waitForStack(sandbox.cfn, "web")).toBe("UPDATE_COMPLETE");
    const services = await sandbox.ecs.send(new DescribeServicesCommand({ cluster: "web-cluster", services: ["web"] }));
    expect(services.services?.[0]?.desiredCount).toBe(3);
    await sandbox.cfn.send(new DeleteStackCommand({ StackName: "web" }));
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "web" }));
    expect(await waitForStack(sandbox.cfn, Stacks![0].StackId!)).toBe("DELETE_COMPLETE");
    expect((await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["web-high-cpu"] }))).MetricAlarms).toEqual([]);
    expect((await sandbox.ecs.send(new ListClustersCommand({}))).clusterArns ?? []).not.toContain("arn:aws:ecs:us-east-1:000000000000:cluster/web-cluster");
  });

  it("rolls an update back when a rollback trigger alarm is in ALARM", async () => {
    await sandbox.cw.send(new PutMetricAlarmCommand({
      AlarmName: "errors", Namespace: "App", MetricName: "Errors", Statistic: "Sum", Period: 60, EvaluationPeriods: 1, Threshold: 1000000,
      ComparisonOperator: "GreaterThanThreshold",
    }));
    const alarmArn = (await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["errors"] }))).MetricAlarms![0].AlarmArn!;
    const body = (days: number) => `Resources:\n  Logs: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: ${days} } }\n`;
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "guarded", TemplateBody: body(7) }));
    expect(await waitForStack(sandbox.cfn, "guarded")).toBe("CREATE_COMPLETE");
    // A forced state holds one alarm period (sandbox/README.md): at speed 0.02 that is 1.2 s, long enough for the
    // update to start watching it even on a loaded machine (at 0.001 it would be 60 ms).
    await sandbox.config({ speed: 0.02 });
    try {
      await sandbox.cw.send(new SetAlarmStateCommand({ AlarmName: "errors", StateValue: "ALARM", StateReason: "test" }));
      await sandbox.cfn.send(new UpdateStackCommand({
        StackName: "guarded", TemplateBody: body(14),
        RollbackConfiguration: { RollbackTriggers: [{ Arn: alarmArn, Type: "AWS::CloudWatch::Alarm" }], MonitoringTimeInMinutes: 1 },
      }));
      expect(await waitForStack(sandbox.cfn, "guarded")).toBe("UPDATE_ROLLBACK_COMPLETE");
    } finally {
      await sandbox.config({ speed: 0.001 });
    }
    expect((await stackStatuses(sandbox.cfn, "guarded")).slice(2)).toEqual([
      "UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE",
    ]);
    const events = await allEvents(sandbox.cfn, "guarded");
    expect(events.find((e) => e.ResourceStatus === "UPDATE_ROLLBACK_IN_PROGRESS")?.ResourceStatusReason)
      .toBe(`Stack operation rolled back: alarm ${alarmArn} is in ALARM state`);
  });

  it("links stacks with exports and refuses to delete an export in use", async () => {
    const exporter = `Resources:\n  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.1.0.0/16 } }\nOutputs:\n  VpcId: { Value: !Ref Vpc, Export: { Name: shared-vpc } }\n`;
    const importer = `Resources:\n  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: x, VpcId: !ImportValue shared-vpc } }\n`;
    await expect(sandbox.cfn.send(new CreateStackCommand({ StackName: "consumer", TemplateBody: importer })))
      .rejects.toMatchObject({ message: "No export named shared-vpc found" });
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "network", TemplateBody: exporter }));
    expect(await waitForStack(sandbox.cfn, "network")).toBe("CREATE_COMPLETE");
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "consumer", TemplateBody: importer }));
    expect(await waitForStack(sandbox.cfn, "consumer")).toBe("CREATE_COMPLETE");
    await sandbox.cfn.send(new DeleteStackCommand({ StackName: "network" }));
    expect(await waitForStack(sandbox.cfn, "network")).toBe("DELETE_FAILED");
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "network" }));
    expect(Stacks?.[0]?.StackStatusReason).toBe("Delete canceled. Cannot delete export shared-vpc as it is in use by consumer.");
  });

  it("creates a stack from a CREATE change set via REVIEW_IN_PROGRESS", async () => {
    const body = `Resources:\n  Bucket: { Type: AWS::S3::Bucket }\n  Topic: { Type: AWS::SNS::Topic }\n`;
    await sandbox.cfn.send(new CreateChangeSetCommand({ StackName: "reviewed", ChangeSetName: "initial", ChangeSetType: "CREATE", TemplateBody: body }));
    expect(await waitForStack(sandbox.cfn, "reviewed")).toBe("REVIEW_IN_PROGRESS");
    await waitUntilChangeSetCreateComplete({ client: sandbox.cfn, maxWaitTime: 10, minDelay: 1 }, { StackName: "reviewed", ChangeSetName: "initial" });
    await sandbox.cfn.send(new ExecuteChangeSetCommand({ StackName: "reviewed", ChangeSetName: "initial" }));
    expect(await waitForStack(sandbox.cfn, "reviewed")).toBe("CREATE_COMPLETE");
    expect(await stackStatuses(sandbox.cfn, "reviewed")).toEqual(["REVIEW_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE"]);
  });
});

describe("persistence", () => {
  it("finishes an operation that was in progress when the sandbox stopped", async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), "cfn-state-")), "state.json");
    const first = await startTestSandbox({ statePath, speed: 0.01 });
    await first.cfn.send(new CreateStackCommand({ StackName: "durable", TemplateBody: `Resources:\n  Nat: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }\n` }));
    await new Promise((r) => setTimeout(r, 50));
    await first.close();
    const second = await startTestSandbox({ statePath, speed: 0.001 });
    try {
      expect(await waitForStack(second.cfn, "durable")).toBe("CREATE_COMPLETE");
      expect(await stackStatuses(second.cfn, "durable")).toEqual(["CREATE_IN_PROGRESS", "CREATE_COMPLETE"]);
    } finally {
      await second.close();
    }
  });
});
