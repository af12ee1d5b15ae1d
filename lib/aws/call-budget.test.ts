import { inBaseAccount } from "./testing.ts";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { BudgetWaitExceeded, budgetRates, CallBudget, DEFAULT_RATES, type BudgetKey } from "./call-budget.ts";

// The shared token bucket on the run's PostgreSQL: several "processes" (one pool each) never take more than the
// bucket allows together, background pollers leave the reserve to deployments, and a person's call is counted
// without waiting. Each test uses a bucket (region) of its own.

const pools: pg.Pool[] = [];
const budget = (rate: number, burst: number) => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  pools.push(pool);
  return new CallBudget(pool, { ...DEFAULT_RATES, cloudformation: { rate, burst } });
};
const key = (): BudgetKey => ({ service: "cloudformation", accountId: "111122223333", region: `test-${randomBytes(4).toString("hex")}` });

afterAll(async () => {
  for (const pool of pools) await pool.end();
});

describe("AWS call budget", () => {
  it("lets three processes together take at most burst + rate x time", async () => {
    const k = key();
    const processes = [budget(10, 5), budget(10, 5), budget(10, 5)];
    const started = Date.now();
    let granted = 0;
    await Promise.all(processes.map(async (b) => {
      while (Date.now() - started < 1_500) {
        await b.acquire(k, "deployment", { maxWaitMs: 5_000 });
        if (Date.now() - started < 1_500) granted++;
      }
    }));
    const seconds = (Date.now() - started) / 1000;
    expect(granted).toBeLessThanOrEqual(5 + Math.ceil(10 * seconds));
    expect(granted).toBeGreaterThanOrEqual(10); // the bucket did hand out its burst and refills
  });

  it("keeps half the bucket for active deployments when the budget is short", async () => {
    const k = key();
    const b = budget(0.001, 10); // practically no refill during the test
    let background = 0;
    while ((await b.take(k, "background")).granted) background++;
    let deployments = 0;
    while ((await b.take(k, "deployment")).granted) deployments++;
    expect(background).toBe(5);
    expect(deployments).toBe(5);
    const refused = await b.take(k, "background");
    expect(refused.granted).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(1_000_000); // 6 tokens at 0.001/s
  });

  it("debits a person's call without waiting, and pollers then wait for the refill", async () => {
    const k = key();
    const b = budget(20, 2);
    await b.debit(k, 1);
    await b.debit(k, 3); // beyond the bucket: the debt is what pollers now wait for
    const refused = await b.take(k, "deployment");
    expect(refused).toMatchObject({ granted: false });
    expect(refused.waitMs).toBeGreaterThanOrEqual(50);
    const t0 = Date.now();
    await b.acquire(k, "deployment", { maxWaitMs: 5_000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(40);
  });

  it("gives up after maxWaitMs with an error pollers treat as throttling", async () => {
    const k = key();
    const b = budget(0.01, 1);
    await b.acquire(k, "deployment");
    await expect(b.acquire(k, "deployment", { maxWaitMs: 200 })).rejects.toBeInstanceOf(BudgetWaitExceeded);
  });

  it("reads rates from AWS_BUDGET_<SERVICE>=rate/burst and ignores nonsense", () => {
    const rates = budgetRates({ AWS_BUDGET_CLOUDFORMATION: "2.5/6", AWS_BUDGET_ECS: "fast", AWS_BUDGET_CLOUDWATCH: "0/3" });
    expect(rates.cloudformation).toEqual({ rate: 2.5, burst: 6 });
    expect(rates.ecs).toEqual(DEFAULT_RATES.ecs);
    expect(rates.cloudwatch).toEqual(DEFAULT_RATES.cloudwatch);
  });
});

describe("AWS calls through the budget (SDK middleware, sandbox)", () => {
  let sandbox: Awaited<ReturnType<typeof import("./../deployments/tracker/testing.ts").startSandboxForApp>>;
  let client: pg.Client;
  beforeAll(async () => {
    const { startSandboxForApp } = await import("../deployments/tracker/testing.ts");
    sandbox = await startSandboxForApp();
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await sandbox?.close();
  });

  const granted = async (region: string) =>
    Number((await client.query("SELECT coalesce(sum(granted), 0) AS n FROM aws_call_budgets WHERE service = 'cloudformation' AND region = $1", [region])).rows[0].n);

  it("waits inside withCallBudget and only counts outside it", inBaseAccount(async () => {
    const { withCallBudget } = await import("./call-budget-context.ts");
    const { cloudFormationClient } = await import("./clients.ts");
    const region = `us-west-${1000 + Math.floor(Math.random() * 1e6)}`; // a bucket of its own
    const cfn = cloudFormationClient(region);
    const before = await granted(region);
    await cfn.send(new DescribeStacksCommand({})); // a person's call: debited at once
    expect(await granted(region)).toBe(before + 1);
    // The default CloudFormation budget is 4/s with a burst of 8 (minus the debit): 12 polls need about 1 s more.
    const t0 = Date.now();
    await withCallBudget({ priority: "deployment" }, async () => {
      for (let i = 0; i < 12; i++) await cfn.send(new DescribeStacksCommand({}));
    });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(await granted(region)).toBe(before + 13);
  }));
});
