import pg from "pg";
import { AwsThrottledError } from "./errors.ts";

// One AWS call budget per service, account and region, shared by every process through PostgreSQL: a token bucket
// (refilled at `rate` calls per second up to `burst`) in aws_call_budgets, taken from in one conditional UPDATE,
// so pollers on any number of workers together stay under AWS's limits. Background pollers (alarms, ECS health,
// resources) leave a reserve that only active deployments may use: when the budget is short, deployments come
// first. Calls a person makes (the request path) are debited without waiting, so pollers make room for them.

export type BudgetService = "cloudformation" | "cloudwatch" | "ecs";
export type CallPriority = "deployment" | "background";

export interface BudgetRate {
  /** Sustained calls per second. */
  rate: number;
  /** Bucket size: calls allowed at once after a quiet spell. */
  burst: number;
}

/**
 * Defaults safely under AWS's limits per account and region. CloudWatch documents them per operation
 * (DescribeAlarmHistory 3/s, DescribeAlarms 9/s, GetMetricData 50/s: "CloudWatch service quotas"), so the whole
 * service gets less than the smallest one we call. ECS documents token buckets (cluster and service reads refill
 * at 20/s, "Request throttling for the Amazon ECS API"). CloudFormation publishes no rate; its throttling is
 * reported around 5 calls/s for DescribeStacks, so we stay at 4 across all its operations.
 */
export const DEFAULT_RATES: Record<BudgetService, BudgetRate> = {
  cloudformation: { rate: 4, burst: 8 },
  cloudwatch: { rate: 2, burst: 5 },
  ecs: { rate: 10, burst: 20 },
};

/** Share of the bucket background pollers must leave for active deployments. */
const BACKGROUND_RESERVE = 0.5;

/** AWS_BUDGET_CLOUDFORMATION="4/8" (rate/burst) and the like override the defaults. */
export function budgetRates(env: Record<string, string | undefined> = process.env): Record<BudgetService, BudgetRate> {
  const rates = { ...DEFAULT_RATES };
  for (const service of Object.keys(rates) as BudgetService[]) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(env[`AWS_BUDGET_${service.toUpperCase()}`] ?? "");
    if (match && Number(match[1]) > 0 && Number(match[2]) >= 1) rates[service] = { rate: Number(match[1]), burst: Number(match[2]) };
  }
  return rates;
}

/** The budget's account for a client made without an environment target's (clients.ts always passes the target's). */
export function defaultAccountId(env: Record<string, string | undefined> = process.env): string {
  return env.AWS_ACCOUNT_ID?.trim() || "default";
}

export interface BudgetKey {
  service: BudgetService;
  accountId: string;
  region: string;
}

export interface TakeResult {
  granted: boolean;
  /** When not granted: how long until enough tokens are there (ms). */
  waitMs: number;
}

export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

const keyOf = (k: BudgetKey) => `${k.service}|${k.accountId}|${k.region}`;

export class CallBudget {
  constructor(
    private readonly db: Queryable,
    private readonly rates: Record<BudgetService, BudgetRate> = budgetRates(),
  ) {}

  rateOf(service: BudgetService): BudgetRate {
    return this.rates[service];
  }

  /**
   * Takes `n` tokens if that leaves at least the priority's floor (0 for deployments, the reserve for background
   * pollers, -burst for a debit, which always succeeds). One statement: concurrent takers cannot overdraw it.
   */
  async take(key: BudgetKey, priority: CallPriority | "debit", n = 1): Promise<TakeResult> {
    const { rate, burst } = this.rates[key.service];
    const floor = priority === "deployment" ? 0 : priority === "background" ? burst * BACKGROUND_RESERVE : -burst;
    const level = `LEAST(b.burst, b.tokens + GREATEST(0, extract(epoch FROM clock_timestamp() - b.updated_at)) * b.rate)`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const { rows } = await this.db.query(
        `UPDATE aws_call_budgets b
         SET tokens = ${level} - $2, rate = $3, burst = $4, updated_at = clock_timestamp(), granted = b.granted + $2
         WHERE b.key = $1 AND ${level} - $2 >= $5
         RETURNING b.tokens`,
        [keyOf(key), n, rate, burst, floor],
      );
      if (rows.length) return { granted: true, waitMs: 0 };
      const current = await this.db.query(`SELECT ${level} AS level FROM aws_call_budgets b WHERE b.key = $1`, [keyOf(key)]);
      if (current.rows.length) {
        const available = Number(current.rows[0]!.level);
        return { granted: false, waitMs: Math.max(1, Math.ceil(((n + floor - available) / rate) * 1000)) };
      }
      // First call for this key anywhere: a full bucket, this call taken from it (unless another process was first).
      const created = await this.db.query(
        `INSERT INTO aws_call_budgets (key, service, account_id, region, tokens, rate, burst, granted, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, clock_timestamp()) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [keyOf(key), key.service, key.accountId, key.region, burst - n, rate, burst],
      );
      if (created.rows.length) return { granted: true, waitMs: 0 };
    }
    return { granted: false, waitMs: 1 };
  }

  /**
   * Waits for `n` tokens (sleeping as long as the bucket says, with jitter so waiting pollers do not wake
   * together), at most `maxWaitMs`; then throws BudgetWaitExceeded so the poller backs off like on throttling.
   */
  async acquire(key: BudgetKey, priority: CallPriority, options: { n?: number; maxWaitMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    const deadline = Date.now() + (options.maxWaitMs ?? 20_000);
    for (;;) {
      const result = await this.take(key, priority, options.n ?? 1);
      if (result.granted) return;
      if (options.signal?.aborted) throw new BudgetWaitExceeded(key, "the caller stopped waiting");
      const pause = Math.min(result.waitMs * (1 + Math.random() * 0.5), 2_000);
      if (Date.now() + pause > deadline) throw new BudgetWaitExceeded(key, `no ${key.service} call available within ${options.maxWaitMs ?? 20_000} ms`);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** Counts a call that must not wait (a person's action): the bucket may go below zero, pollers then wait longer. */
  async debit(key: BudgetKey, n = 1): Promise<void> {
    await this.take(key, "debit", n);
  }
}

/** A poller's budget wait ran out: no AWS call was made; it backs off as if AWS had throttled it. */
export class BudgetWaitExceeded extends AwsThrottledError {
  constructor(
    readonly key: BudgetKey,
    detail: string,
  ) {
    super("budget", `AWS call budget for ${keyOf(key)}: ${detail}`);
    this.name = "BudgetWaitExceeded";
  }
}

const globalForBudget = globalThis as unknown as { stackdeckCallBudget?: { url: string; budget: CallBudget; pool: pg.Pool } };

/** The process's budget on DATABASE_URL (its own two connections, so waiting never holds the app's pool). */
export function processCallBudget(url = process.env.DATABASE_URL): CallBudget | null {
  if (!url) return null;
  const current = globalForBudget.stackdeckCallBudget;
  if (current?.url === url) return current.budget;
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: "stackdeck-call-budget" });
  pool.on("error", () => undefined); // a dropped idle connection is replaced on the next query
  globalForBudget.stackdeckCallBudget = { url, budget: new CallBudget(pool), pool };
  void current?.pool.end().catch(() => undefined);
  return globalForBudget.stackdeckCallBudget.budget;
}
