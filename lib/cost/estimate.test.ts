import { describe, expect, it } from "vitest";
import { diffEstimates, estimateMonthlyCost } from "./estimate.ts";
import type { CostAssumptions, CostLine, ResolvedResource } from "./types.ts";

// Every expected figure below is computed by hand from lib/cost/prices/us-east-1.json (730 hours a month).

const r = (logicalId: string, type: string, properties: Record<string, unknown> = {}): ResolvedResource => ({ logicalId, type, properties });
const estimate = (resources: ResolvedResource[], assumptions: CostAssumptions = {}, region = "us-east-1") =>
  estimateMonthlyCost({ resources, region, assumptions });
const linesOf = (lines: CostLine[], logicalId: string) => lines.filter((l) => l.logicalId === logicalId);
const monthlyOf = (lines: CostLine[], logicalId: string) => linesOf(lines, logicalId).reduce((t, l) => t + l.monthly, 0);

describe("RDS instances", () => {
  const singleAz = r("Db", "AWS::RDS::DBInstance", {
    Engine: "postgres", DBInstanceClass: "db.t3.micro", MultiAZ: "false", AllocatedStorage: "20", StorageType: "gp3",
    BackupRetentionPeriod: 3, EnablePerformanceInsights: true,
  });

  it("prices a Single-AZ instance with gp3 storage", () => {
    const { lines, monthlyTotal } = estimate([singleAz]);
    const [instance, storage, backup, insights] = lines;
    // db.t3.micro Single-AZ $0.018 × 730 h = $13.14
    expect(instance).toMatchObject({ quantity: 730, unit: "hours", unitPrice: 0.018, kind: "fixed", priced: true });
    expect(instance.monthly).toBeCloseTo(13.14, 10);
    // 20 GB × $0.115 = $2.30
    expect(storage).toMatchObject({ quantity: 20, unitPrice: 0.115 });
    expect(storage.monthly).toBeCloseTo(2.3, 10);
    // no rdsBackupStorageGb assumption: 0 GB beyond the free allowance, and the gap is noted
    expect(backup).toMatchObject({ quantity: 0, monthly: 0, kind: "usage", priced: true });
    expect(backup.note).toContain("rdsBackupStorageGb");
    // 7-day Performance Insights is free
    expect(insights).toMatchObject({ monthly: 0, priced: true });
    // $13.14 + $2.30 = $15.44
    expect(monthlyTotal).toBeCloseTo(15.44, 10);
  });

  it("prices Multi-AZ at the Multi-AZ rates, with backup beyond the free amount, paid PI and the managed secret", () => {
    const multiAz = r("Db", "AWS::RDS::DBInstance", {
      Engine: "postgres", DBInstanceClass: "db.t3.small", MultiAZ: true, AllocatedStorage: 20, StorageType: "gp3",
      BackupRetentionPeriod: 7, EnablePerformanceInsights: "true", PerformanceInsightsRetentionPeriod: 31,
      ManageMasterUserPassword: true,
    });
    const { lines, fixed, usage } = estimate([multiAz], { rdsBackupStorageGb: 50 });
    // db.t3.small Multi-AZ $0.072 × 730 = $52.56
    expect(lines[0].monthly).toBeCloseTo(52.56, 10);
    // 20 GB × $0.23 (Multi-AZ gp3) = $4.60
    expect(lines[1].monthly).toBeCloseTo(4.6, 10);
    // (50 GB backups − 20 GB free) × $0.095 = $2.85
    expect(lines[2]).toMatchObject({ quantity: 30, kind: "usage" });
    expect(lines[2].monthly).toBeCloseTo(2.85, 10);
    // PI 31 days: 2 vCPU × 2 (standby) = 4 vCPU-months × $2.95 = $11.80
    expect(lines[3]).toMatchObject({ quantity: 4, unit: "vCPU-months" });
    expect(lines[3].monthly).toBeCloseTo(11.8, 10);
    // RDS-managed master secret $0.40
    expect(lines[4].monthly).toBeCloseTo(0.4, 10);
    // fixed 52.56 + 4.60 + 11.80 + 0.40 = 69.36; usage 2.85
    expect(fixed).toBeCloseTo(69.36, 10);
    expect(usage).toBeCloseTo(2.85, 10);
  });

  it("prices a read replica as another instance with its own storage and no backups", () => {
    const replica = r("Replica", "AWS::RDS::DBInstance", { SourceDBInstanceIdentifier: { Ref: "Db" }, DBInstanceClass: "db.t3.small" });
    const { lines } = estimate([singleAz, replica]);
    const replicaLines = linesOf(lines, "Replica");
    expect(replicaLines.map((l) => l.description)).toEqual(["db.t3.small PostgreSQL, Single-AZ, read replica", "Storage (gp3, Single-AZ)"]);
    // $0.036 × 730 = $26.28 + 20 GB (inherited) × $0.115 = $2.30 → $28.58
    expect(monthlyOf(lines, "Replica")).toBeCloseTo(28.58, 10);
  });

  it("does not price an instance class it cannot resolve", () => {
    const { lines, monthlyTotal } = estimate([
      r("Db", "AWS::RDS::DBInstance", { Engine: "postgres", DBInstanceClass: { "Fn::ImportValue": "staging-db-class" }, AllocatedStorage: 20 }),
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ priced: false, monthly: 0 });
    expect(lines[0].note).toContain("DBInstanceClass could not be resolved");
    expect(lines[0].note).toContain("Fn::ImportValue");
    expect(monthlyTotal).toBe(0);
  });

  it("does not price a class missing from the catalog", () => {
    const { lines } = estimate([r("Db", "AWS::RDS::DBInstance", { Engine: "postgres", DBInstanceClass: "db.x2g.large", AllocatedStorage: 20 })]);
    expect(lines[0]).toMatchObject({ priced: false });
    expect(lines[0].note).toContain("rds.postgres.db.x2g.large.single-az");
  });
});

describe("NAT gateways and addresses", () => {
  it("splits natGatewayGbProcessed across NAT gateways and prices each EIP once", () => {
    const resources = ["A", "B"].flatMap((az) => [
      r(`Eip${az}`, "AWS::EC2::EIP", { Domain: "vpc" }),
      r(`Nat${az}`, "AWS::EC2::NatGateway", { AllocationId: { "Fn::GetAtt": [`Eip${az}`, "AllocationId"] } }),
    ]);
    const { lines, monthlyTotal, usage } = estimate(resources, { natGatewayGbProcessed: 100 });
    const nat = linesOf(lines, "NatA");
    // $0.045 × 730 h = $32.85
    expect(nat[0].monthly).toBeCloseTo(32.85, 10);
    // 100 GB / 2 gateways = 50 GB × $0.045 = $2.25
    expect(nat[1]).toMatchObject({ quantity: 50, kind: "usage" });
    expect(nat[1].monthly).toBeCloseTo(2.25, 10);
    expect(nat[2]).toMatchObject({ monthly: 0, priced: true, note: "priced on EipA (AWS::EC2::EIP)" });
    // EIP $0.005 × 730 = $3.65
    expect(monthlyOf(lines, "EipA")).toBeCloseTo(3.65, 10);
    // 2 × (32.85 + 2.25 + 3.65) = $77.50
    expect(monthlyTotal).toBeCloseTo(77.5, 10);
    expect(usage).toBeCloseTo(4.5, 10);
  });

  it("prices the address on the NAT gateway when its EIP is not in the estimate", () => {
    const { lines } = estimate([r("Nat", "AWS::EC2::NatGateway", { AllocationId: { "Fn::ImportValue": "eip" } })], { natGatewayGbProcessed: 10 });
    // 32.85 + 10 × 0.045 (0.45) + 3.65 = $36.95
    expect(monthlyOf(lines, "Nat")).toBeCloseTo(36.95, 10);
  });

  it("uses the region's catalog", () => {
    const { lines } = estimate([r("Nat", "AWS::EC2::NatGateway", { ConnectivityType: "private" })], {}, "eu-west-1");
    // eu-west-1 $0.048 × 730 = $35.04; a private NAT gateway has no public address
    expect(lines).toHaveLength(2);
    expect(lines[0].monthly).toBeCloseTo(35.04, 10);
  });
});

describe("Fargate services", () => {
  const taskDefinition = r("BackendTask", "AWS::ECS::TaskDefinition", { Cpu: "512", Memory: "1024", RequiresCompatibilities: ["FARGATE"] });
  const service = r("Backend", "AWS::ECS::Service", { LaunchType: "FARGATE", DesiredCount: 2, TaskDefinition: { Ref: "BackendTask" } });

  it("prices DesiredCount × the task definition's vCPU and memory", () => {
    const { lines, monthlyTotal } = estimate([taskDefinition, service]);
    const [vcpu, memory] = linesOf(lines, "Backend");
    // 2 tasks × 0.5 vCPU × 730 h = 730 vCPU-hours × $0.04048 = $29.5504
    expect(vcpu).toMatchObject({ quantity: 730, unit: "vCPU-hours" });
    expect(vcpu.monthly).toBeCloseTo(29.5504, 10);
    // 2 tasks × 1 GB × 730 h = 1,460 GB-hours × $0.004445 = $6.4897
    expect(memory).toMatchObject({ quantity: 1460, unit: "GB-hours" });
    expect(memory.monthly).toBeCloseTo(6.4897, 10);
    // the task definition itself is a $0 line
    expect(linesOf(lines, "BackendTask")).toEqual([expect.objectContaining({ monthly: 0, priced: true })]);
    expect(monthlyTotal).toBeCloseTo(36.0401, 10);
  });

  it("uses ARM rates for ARM64 tasks", () => {
    const arm = r("BackendTask", "AWS::ECS::TaskDefinition", { Cpu: "0.5 vCPU", Memory: "1 GB", RuntimePlatform: { CpuArchitecture: "ARM64" } });
    const { monthlyTotal } = estimate([arm, service]);
    // 730 × $0.03238 = $23.6374; 1,460 × $0.00356 = $5.1976 → $28.835
    expect(monthlyTotal).toBeCloseTo(28.835, 10);
  });

  it("does not price a service whose task definition is not in the estimate", () => {
    const { lines } = estimate([service]);
    expect(lines[0]).toMatchObject({ priced: false });
    expect(lines[0].note).toContain("BackendTask");
  });
});

describe("ElastiCache", () => {
  it("prices node-hours × NumCacheClusters", () => {
    const { lines } = estimate([r("Redis", "AWS::ElastiCache::ReplicationGroup", { CacheNodeType: "cache.t3.small", Engine: "redis", NumCacheClusters: 2 })]);
    // 2 nodes × 730 h = 1,460 node-hours × $0.034 = $49.64
    expect(lines[0]).toMatchObject({ quantity: 1460, unit: "node-hours" });
    expect(lines[0].monthly).toBeCloseTo(49.64, 10);
  });

  it("prices cluster mode as NumNodeGroups × (ReplicasPerNodeGroup + 1)", () => {
    const { lines } = estimate([
      r("Redis", "AWS::ElastiCache::ReplicationGroup", { CacheNodeType: "cache.t3.medium", NumNodeGroups: "2", ReplicasPerNodeGroup: "1" }),
    ]);
    // 2 × (1 + 1) = 4 nodes × 730 = 2,920 node-hours × $0.068 = $198.56
    expect(lines[0].monthly).toBeCloseTo(198.56, 10);
  });
});

describe("Application load balancers", () => {
  it("prices hours, LCU-hours, one address per subnet and data transfer out", () => {
    const alb = r("Alb", "AWS::ElasticLoadBalancingV2::LoadBalancer", { Type: "application", Scheme: "internet-facing", Subnets: ["s1", "s2"] });
    const { lines, fixed, usage } = estimate([alb], { albLcuPerHour: 2, dataTransferOutGb: 100 });
    // $0.0225 × 730 = $16.425
    expect(lines[0].monthly).toBeCloseTo(16.425, 10);
    // 2 LCU × 730 = 1,460 LCU-hours × $0.008 = $11.68
    expect(lines[1]).toMatchObject({ quantity: 1460, kind: "usage" });
    expect(lines[1].monthly).toBeCloseTo(11.68, 10);
    // 2 addresses × 730 × $0.005 = $7.30
    expect(lines[2].monthly).toBeCloseTo(7.3, 10);
    // 100 GB × $0.09 = $9.00
    expect(lines[3].monthly).toBeCloseTo(9, 10);
    expect(fixed).toBeCloseTo(23.725, 10);
    expect(usage).toBeCloseTo(20.68, 10);
  });

  it("gives an internal ALB no public addresses and no internet egress", () => {
    const { lines } = estimate([r("Alb", "AWS::ElasticLoadBalancingV2::LoadBalancer", { Scheme: "internal", Subnets: ["s1"] })]);
    expect(lines).toHaveLength(2);
  });
});

describe("small monthly fees", () => {
  it("prices log groups per log group, alarms per metric, KMS keys and secrets", () => {
    const { lines, monthlyTotal } = estimate(
      [
        r("AppLogs", "AWS::Logs::LogGroup", { RetentionInDays: 30 }),
        r("FlowLogs", "AWS::Logs::LogGroup"),
        r("CpuAlarm", "AWS::CloudWatch::Alarm", { Period: 300 }),
        r("MathAlarm", "AWS::CloudWatch::Alarm", { Metrics: [{ MetricStat: { Period: 60 } }, { MetricStat: { Period: 60 } }, { Expression: "m1+m2" }] }),
        r("FastAlarm", "AWS::CloudWatch::Alarm", { Period: 10 }),
        r("Key", "AWS::KMS::Key"),
        r("Secret", "AWS::SecretsManager::Secret"),
      ],
      { logsGbIngested: 5, logsGbStored: 10 },
    );
    // each log group: 5 GB × $0.50 = $2.50 ingested + 10 GB × $0.03 = $0.30 stored → $2.80
    expect(monthlyOf(lines, "AppLogs")).toBeCloseTo(2.8, 10);
    expect(monthlyOf(lines, "FlowLogs")).toBeCloseTo(2.8, 10);
    expect(monthlyOf(lines, "CpuAlarm")).toBeCloseTo(0.1, 10); // 1 standard metric × $0.10
    expect(monthlyOf(lines, "MathAlarm")).toBeCloseTo(0.2, 10); // 2 metrics × $0.10
    expect(monthlyOf(lines, "FastAlarm")).toBeCloseTo(0.3, 10); // high resolution $0.30
    expect(monthlyOf(lines, "Key")).toBe(1);
    expect(monthlyOf(lines, "Secret")).toBeCloseTo(0.4, 10);
    // 2.80 + 2.80 + 0.10 + 0.20 + 0.30 + 1.00 + 0.40 = $7.60
    expect(monthlyTotal).toBeCloseTo(7.6, 10);
  });
});

describe("free and unknown resources", () => {
  it("lists free resources at $0 as priced", () => {
    const types = ["AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::SecurityGroup", "AWS::IAM::Role",
      "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ElasticLoadBalancingV2::Listener", "AWS::ECS::Cluster",
      "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::EC2::VPCEndpoint"];
    const { lines, monthlyTotal } = estimate(types.map((type, i) => r(`R${i}`, type, {})));
    expect(lines).toHaveLength(types.length);
    for (const line of lines) expect(line).toMatchObject({ monthly: 0, priced: true });
    expect(monthlyTotal).toBe(0);
  });

  it("lists an unknown type as not priced instead of dropping it", () => {
    const { lines } = estimate([r("Topic", "AWS::SNS::Topic")]);
    expect(lines).toEqual([expect.objectContaining({ logicalId: "Topic", type: "AWS::SNS::Topic", priced: false, note: "not priced", monthly: 0 })]);
  });

  it("refuses a region without a catalog", () => {
    expect(() => estimate([], {}, "ap-south-7")).toThrow(/no price catalog for ap-south-7/);
  });
});

describe("diffEstimates", () => {
  const db = (cls: string) => r("Db", "AWS::RDS::DBInstance", { Engine: "postgres", DBInstanceClass: cls, AllocatedStorage: 20 });
  const nat = r("Nat", "AWS::EC2::NatGateway", { ConnectivityType: "private" });
  const cache = r("Redis", "AWS::ElastiCache::ReplicationGroup", { CacheNodeType: "cache.t3.micro", NumCacheClusters: 1 });

  it("reports added, removed and changed resources and the total delta", () => {
    const before = estimate([db("db.t3.micro"), nat]);
    const after = estimate([db("db.t3.small"), cache]);
    const diff = diffEstimates(before, after);
    const byId = Object.fromEntries(diff.lines.map((l) => [l.logicalId, l]));
    // Db: (0.036 − 0.018) × 730 = +$13.14 (storage unchanged)
    expect(byId.Db).toMatchObject({ change: "changed" });
    expect(byId.Db.delta).toBeCloseTo(13.14, 10);
    // Nat removed: −$32.85
    expect(byId.Nat).toMatchObject({ change: "removed", after: 0 });
    expect(byId.Nat.delta).toBeCloseTo(-32.85, 10);
    // Redis added: 730 × $0.017 = +$12.41
    expect(byId.Redis).toMatchObject({ change: "added", before: 0 });
    expect(byId.Redis.delta).toBeCloseTo(12.41, 10);
    // 13.14 − 32.85 + 12.41 = −$7.30
    expect(diff.monthlyDelta).toBeCloseTo(-7.3, 10);
  });

  it("treats a new stack as all added and leaves unchanged resources out", () => {
    const after = estimate([db("db.t3.micro"), cache]);
    expect(diffEstimates(null, after).lines.map((l) => l.change)).toEqual(["added", "added"]);
    expect(diffEstimates(after, estimate([db("db.t3.micro"), cache])).lines).toEqual([]);
  });
});
