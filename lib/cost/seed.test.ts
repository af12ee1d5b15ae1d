import { describe, expect, it } from "vitest";
import { estimateMonthlyCost } from "./estimate.ts";
import { SEED_ASSUMPTIONS, SEED_TABLE, seedEnvironment, type EnvironmentName } from "./fixtures/seed-environments.ts";
import { formatMoney } from "./format.ts";
import type { CostLine } from "./types.ts";

// Our estimate of the seed's platform, grouped the way the seed's cost tables are, next to the seed's figures.
// The line-by-line explanation of the differences is in lib/cost/README.md ("Check against the seed").

function seedCategory(line: CostLine): string {
  if (line.type === "AWS::RDS::DBInstance") return "RDS PostgreSQL";
  if (line.type === "AWS::ElastiCache::ReplicationGroup") return "ElastiCache Redis";
  if (line.type === "AWS::ECS::Service") return "ECS Fargate";
  if (line.type === "AWS::ElasticLoadBalancingV2::LoadBalancer") {
    return line.description.startsWith("Data transfer") ? "Data Transfer" : "Application Load Balancer";
  }
  if (line.type === "AWS::EC2::NatGateway" || line.type === "AWS::EC2::EIP") return "NAT Gateway";
  if (line.type === "AWS::Logs::LogGroup") return line.logicalId === "FlowLogGroup" ? "VPC Flow Logs" : "CloudWatch Logs";
  return "Other (KMS key, secrets, alarms)";
}

function compare(name: EnvironmentName) {
  const estimate = estimateMonthlyCost({ resources: seedEnvironment(name), region: "us-east-1", assumptions: SEED_ASSUMPTIONS[name] });
  const ours: Record<string, number> = {};
  for (const line of estimate.lines.filter((l) => l.priced)) ours[seedCategory(line)] = (ours[seedCategory(line)] ?? 0) + line.monthly;
  const categories = [...new Set([...Object.keys(SEED_TABLE[name]), ...Object.keys(ours)])];
  const table = categories.map((c) => `| ${c} | ${formatMoney(ours[c] ?? 0)} | ${SEED_TABLE[name][c] ? `~$${SEED_TABLE[name][c]}` : "—"} |`);
  console.log([`\n${name}: ours ${formatMoney(estimate.monthlyTotal)}`, "| line | ours | seed |", "|---|---:|---:|", ...table].join("\n"));
  return { estimate, ours };
}

describe("the seed's environments", () => {
  it("staging lands in the seed's ~$125–155 a month", () => {
    const { estimate, ours } = compare("staging");
    expect(estimate.lines.filter((l) => !l.priced)).toEqual([]);
    expect(estimate.monthlyTotal).toBeGreaterThanOrEqual(125);
    expect(estimate.monthlyTotal).toBeLessThanOrEqual(155);
    // 0.018 × 730 + 20 × 0.115 + 0.40 (managed secret) = $15.84
    expect(ours["RDS PostgreSQL"]).toBeCloseTo(15.84, 10);
    // 1 × 0.5 vCPU + 1 × 0.25 vCPU = 0.75 vCPU × 730 × 0.04048 = 22.1628; 1.5 GB × 730 × 0.004445 = 4.867275
    expect(ours["ECS Fargate"]).toBeCloseTo(27.030075, 10);
  });

  it("production lands within 10% of the seed's ~$390 a month", () => {
    const { estimate, ours } = compare("production");
    expect(estimate.lines.filter((l) => !l.priced)).toEqual([]);
    expect(estimate.monthlyTotal).toBeGreaterThanOrEqual(351);
    expect(estimate.monthlyTotal).toBeLessThanOrEqual(429);
    // 2 × (0.045 × 730 + 100 GB × 0.045 + 0.005 × 730) = 2 × (32.85 + 4.50 + 3.65) = $82.00
    expect(ours["NAT Gateway"]).toBeCloseTo(82, 10);
    // 2 nodes × 730 × 0.034 = $49.64 (the auth-token secret is under "Other")
    expect(ours["ElastiCache Redis"]).toBeCloseTo(49.64, 10);
  });
});
