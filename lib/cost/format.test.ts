import { describe, expect, it } from "vitest";
import { estimateMonthlyCost } from "./estimate.ts";
import { formatEstimateTable, formatMoney, formatUnitPrice } from "./format.ts";
import type { ResolvedResource } from "./types.ts";

const r = (logicalId: string, type: string, properties: Record<string, unknown> = {}): ResolvedResource => ({ logicalId, type, properties });

describe("formatEstimateTable", () => {
  const estimate = estimateMonthlyCost({
    region: "us-east-1",
    assumptions: { natGatewayGbProcessed: 10 },
    resources: [
      r("Vpc", "AWS::EC2::VPC"),
      r("Nat", "AWS::EC2::NatGateway", { ConnectivityType: "private" }),
      r("Topic", "AWS::SNS::Topic"),
    ],
  });
  const text = formatEstimateTable(estimate);
  const lines = text.split("\n");

  it("aligns every row of the table to the same width", () => {
    const start = lines.findIndex((l) => l.startsWith("Resource"));
    const rows = lines.slice(start, start + 2 + estimate.lines.length + 1);
    expect(new Set(rows.map((row) => row.length)).size).toBe(1);
    expect(lines[start]).toMatch(/^Resource\s+Description\s+Quantity\s+Unit\s+Unit price\s+Monthly$/);
  });

  it("rounds to cents only in the output and prints fixed, usage and total", () => {
    // NAT: 730 × $0.045 = $32.85 fixed; 10 GB × $0.045 = $0.45 usage
    expect(text).toMatch(/^Fixed\s+\$32\.85$/m);
    expect(text).toMatch(/^Usage \(from assumptions\)\s+\$0\.45$/m);
    expect(text).toMatch(/^Total\s+\$33\.30$/m);
    expect(text).toMatch(/Topic\s+AWS::SNS::Topic \[1\]\s+not priced/);
    expect(text).toContain("1 line(s) not priced");
    expect(text).toContain("[1] not priced");
    expect(text).toContain("Assumptions: natGatewayGbProcessed=10");
  });

  it("formats money to cents and unit prices as listed", () => {
    expect(formatMoney(29.5504)).toBe("$29.55");
    expect(formatMoney(1234.565)).toBe("$1,234.57");
    expect(formatUnitPrice(0.004445)).toBe("$0.004445");
    expect(formatUnitPrice(1)).toBe("$1.00");
  });
});
