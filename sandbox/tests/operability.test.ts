import { DescribeStacksCommand, CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { CreateClusterCommand, DescribeClustersCommand, ECSClient, ListClustersCommand } from "@aws-sdk/client-ecs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { QueryService } from "../core/contracts.ts";
import { sandboxClientConfig } from "../testing/client-config.ts";
import { startStubQuerySandbox } from "../testing/stub-sandbox.ts";

const emptyStacks: QueryService = { protocol: "query", handle: async () => "<Stacks/>" };
let sandbox: Awaited<ReturnType<typeof startStubQuerySandbox>>;
beforeAll(async () => {
  sandbox = await startStubQuerySandbox(emptyStacks);
});
afterAll(() => sandbox.close());

const postJson = (path: string, body: unknown) => fetch(`${sandbox.url}${path}`, { method: "POST", body: JSON.stringify(body) });
const stats = async () => (await fetch(`${sandbox.url}/_sandbox/stats`)).json() as Promise<{ calls: Record<string, Record<string, number>>; total: number; throttled: number }>;

describe("operability endpoints", () => {
  test("health, and stats counting calls per service and operation", async () => {
    expect(await (await fetch(`${sandbox.url}/_sandbox/health`)).json()).toEqual({ status: "ok" });
    const before = await stats();
    await sandbox.cfn.send(new DescribeStacksCommand({}));
    await sandbox.cfn.send(new DescribeStacksCommand({}));
    await sandbox.ecs.send(new ListClustersCommand({}));
    const after = await stats();
    expect(after.total - before.total).toBe(3);
    expect((after.calls.cloudformation?.DescribeStacks ?? 0) - (before.calls.cloudformation?.DescribeStacks ?? 0)).toBe(2);
    expect(after.calls.ecs?.ListClusters).toBeGreaterThanOrEqual(1);
  });

  test("config validates its input", async () => {
    expect((await postJson("/_sandbox/config", { throttleRate: 2 })).status).toBe(400);
    expect((await postJson("/_sandbox/config", { sped: 1 })).status).toBe(400);
    const ok = await postJson("/_sandbox/config", { speed: 0.002 });
    expect(await ok.json()).toEqual({ speed: 0.002, throttleRate: 0, rateLimits: {} });
    expect((await postJson("/_sandbox/config", { rateLimits: { cloudformation: { rate: 0 } } })).status).toBe(400);
    await postJson("/_sandbox/config", { speed: 0.001 });
  });

  test("rate limits throttle calls beyond a token bucket per service and region, as AWS does", async () => {
    const cfn = new CloudFormationClient(sandboxClientConfig(sandbox.url, { maxAttempts: 1 }));
    await postJson("/_sandbox/config", { rateLimits: { cloudformation: { rate: 4, burst: 2 } } });
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => cfn.send(new DescribeStacksCommand({})).then(() => "ok", (e: Error) => e.name)));
      expect(results.filter((r) => r === "ok")).toHaveLength(2);
      expect(results.filter((r) => r === "Throttling")).toHaveLength(3);
      await new Promise((resolve) => setTimeout(resolve, 300)); // a token refilled at 4/s
      await expect(cfn.send(new DescribeStacksCommand({}))).resolves.toBeDefined();
      // Another service (and another region) has buckets of its own.
      await expect(sandbox.ecs.send(new ListClustersCommand({}))).resolves.toBeDefined();
    } finally {
      await postJson("/_sandbox/config", { rateLimits: {} });
      cfn.destroy();
    }
  });

  test("with throttleRate 1 every SDK sees its own throttling error and retries it", async () => {
    const config = sandboxClientConfig(sandbox.url, { maxAttempts: 3 });
    const clients = { cfn: new CloudFormationClient(config), cw: new CloudWatchClient(config), ecs: new ECSClient(config) };
    await postJson("/_sandbox/config", { throttleRate: 1 });
    const before = await stats();
    const [cfn, cw, ecs] = await Promise.all([
      clients.cfn.send(new DescribeStacksCommand({})).catch((e: unknown) => e),
      clients.cw.send(new DescribeAlarmsCommand({})).catch((e: unknown) => e),
      clients.ecs.send(new ListClustersCommand({})).catch((e: unknown) => e),
    ]);
    await postJson("/_sandbox/config", { throttleRate: 0 });
    for (const client of Object.values(clients)) client.destroy();
    expect(cfn).toMatchObject({ name: "Throttling", message: "Rate exceeded", $metadata: { httpStatusCode: 400, attempts: 3 } });
    expect(cw).toMatchObject({ name: "Throttling", Code: "Throttling", $metadata: { attempts: 3 } });
    expect(ecs).toMatchObject({ name: "ThrottlingException", $metadata: { attempts: 3 } });
    const after = await stats();
    expect(after.calls.cloudformation.DescribeStacks - (before.calls.cloudformation?.DescribeStacks ?? 0)).toBe(3);
    expect(after.calls.cloudwatch.DescribeAlarms - (before.calls.cloudwatch?.DescribeAlarms ?? 0)).toBe(3);
    expect(after.calls.ecs.ListClusters - (before.calls.ecs?.ListClusters ?? 0)).toBe(3);
    expect(after.throttled - before.throttled).toBe(9);
  });

  test("reset clears all state", async () => {
    await sandbox.ecs.send(new CreateClusterCommand({ clusterName: "temp" }));
    expect((await postJson("/_sandbox/reset", {})).status).toBe(200);
    const { clusterArns } = await sandbox.ecs.send(new ListClustersCommand({}));
    expect(clusterArns).toEqual([]);
  });
});

describe("persistence", () => {
  test("state survives a restart with the same state file, written atomically", async () => {
    const directory = await mkdtemp(join(tmpdir(), "sandbox-state-"));
    const statePath = join(directory, "nested", "sandbox.json");
    try {
      const first = await startStubQuerySandbox(emptyStacks, { statePath });
      await first.ecs.send(new CreateClusterCommand({ clusterName: "kept", settings: [{ name: "containerInsights", value: "enabled" }] }));
      await first.cw.send(new PutMetricAlarmCommand({
        AlarmName: "kept", Namespace: "AWS/ECS", MetricName: "CPUUtilization", Statistic: "Average",
        Period: 60, EvaluationPeriods: 1, Threshold: 90, ComparisonOperator: "GreaterThanThreshold",
      }));
      await first.close();
      const saved = JSON.parse(await readFile(statePath, "utf8"));
      expect(saved.version).toBe(1);

      const second = await startStubQuerySandbox(emptyStacks, { statePath });
      const { clusters } = await second.ecs.send(new DescribeClustersCommand({ clusters: ["kept"], include: ["SETTINGS"] }));
      const { MetricAlarms } = await second.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["kept"] }));
      await second.close();
      expect(clusters?.[0]).toMatchObject({ status: "ACTIVE", settings: [{ name: "containerInsights", value: "enabled" }] });
      expect(MetricAlarms?.[0]?.Threshold).toBe(90);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
