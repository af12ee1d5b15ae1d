import { DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { ListClustersCommand } from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestSandbox, type TestSandbox } from "../testing/harness.ts";

// The full sandbox (real CloudFormation included), as other test suites get it from the harness.
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

test("the harness serves all three services to real SDK clients and reports their calls", async () => {
  const stacks = await sandbox.cfn.send(new DescribeStacksCommand({}));
  const alarms = await sandbox.cw.send(new DescribeAlarmsCommand({}));
  const clusters = await sandbox.ecs.send(new ListClustersCommand({}));
  expect(stacks.Stacks).toEqual([]);
  expect(alarms.MetricAlarms).toEqual([]);
  expect(clusters.clusterArns).toEqual([]);
  const stats = (await sandbox.stats()) as { calls: Record<string, Record<string, number>>; total: number };
  expect(stats.calls).toMatchObject({ cloudformation: { DescribeStacks: 1 }, cloudwatch: { DescribeAlarms: 1 }, ecs: { ListClusters: 1 } });
  expect(stats.total).toBe(3);
});

test("config changes the throttle rate through the harness", async () => {
  await sandbox.config({ throttleRate: 1 });
  const error = await sandbox.ecs.send(new ListClustersCommand({})).catch((e: unknown) => e);
  await sandbox.config({ throttleRate: 0 });
  expect(error).toMatchObject({ name: "ThrottlingException", $metadata: { attempts: 1 } });
});
