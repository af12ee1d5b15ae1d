import type PgBoss from "pg-boss";
import { AwsThrottledError } from "../aws/errors.ts";
import { withCallBudget } from "../aws/call-budget-context.ts";

// A refresh that runs every `intervalSeconds` per key (an environment), as one pg-boss job chain on a "stately"
// queue: at most one queued and one active run per key across every worker process, whatever the number of
// viewers. Each run sends its successor; a sweep re-creates a chain that was lost (killed worker, first start).
// Its AWS calls come out of the shared call budget at background priority, so active deployments come first.

const JOBS_SCHEMA = "stackdeck_jobs";

export interface PeriodicJobOptions {
  boss: PgBoss;
  queue: string;
  intervalSeconds: number;
  /** Aborted when the worker stops. */
  signal: AbortSignal;
  /** The keys that should each have a chain (SQL returning a `key` column, e.g. every environment). */
  keysSql: string;
  run: (key: string) => Promise<unknown>;
}

/** Seconds from an environment variable, else `fallback` (for ALARM_REFRESH_SECONDS and the like). */
export function secondsFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export async function startPeriodicJob(options: PeriodicJobOptions): Promise<void> {
  const { boss, queue, signal, intervalSeconds: interval } = options;
  await boss.createQueue(queue, { name: queue, policy: "stately" });
  const send = (key: string, startAfter: number) =>
    boss.send(queue, { key }, {
      singletonKey: key,
      startAfter: Math.max(0, Math.ceil(startAfter)),
      // Long enough for a run that waits on a short budget behind active deployments.
      expireInSeconds: Math.max(120, interval * 2),
      retryLimit: 1,
      retryDelay: 1,
    });
  await boss.work<{ key?: string; environment?: string }>(queue, { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, Math.min(1, interval)) }, async ([job]) => {
    if (!job) return;
    // Chains queued before this helper existed carry { environment } instead of { key }.
    const key = job.data.key ?? job.data.environment ?? "";
    try {
      await withCallBudget({ priority: "background", maxWaitMs: 60_000, signal }, () => options.run(key));
    } catch (error) {
      // A failed run waits for the next interval; throttling included (the interval is the backoff).
      if (!(error instanceof AwsThrottledError)) console.error(`${queue} of ${key} failed`, (error as Error).message);
    }
    if (!signal.aborted) await send(key, interval);
  });
  const sweep = async () => {
    const { rows } = await boss.getDb().executeSql(
      `SELECT k.key FROM (${options.keysSql}) k WHERE NOT EXISTS
         (SELECT 1 FROM ${JOBS_SCHEMA}.job j WHERE j.name = $1 AND j.singleton_key = k.key AND j.state < 'completed')`,
      [queue],
    );
    for (const { key } of rows as { key: string }[]) await send(key, 0);
  };
  await sweep();
  const timer = setInterval(() => {
    sweep().catch((error) => console.error(`${queue}: sweep failed`, (error as Error).message));
  }, Math.max(interval, 30) * 1000);
  timer.unref();
  signal.addEventListener("abort", () => clearInterval(timer), { once: true });
}

/** Every environment's key: the usual set of chains. */
export const ENVIRONMENT_KEYS = "SELECT key FROM environments";
