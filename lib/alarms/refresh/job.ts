import type PgBoss from "pg-boss";
import type { Db } from "../../db/client.ts";
import { AwsThrottledError } from "../../aws/cloudformation.ts";
import { refreshEnvironmentAlarms } from "./refresh.ts";
import { withCallBudget } from "../../aws/call-budget-context.ts";

// One pg-boss job per environment (singletonKey = its key) on a "stately" queue: at most one queued and one
// active refresh per environment across every worker process, whatever the number of viewers. Each run sends its
// successor `intervalSeconds` later; a sweep re-creates the chain if a job was lost (killed worker, first start).

export const ALARM_QUEUE = "alarm-refresh";
const JOBS_SCHEMA = "stackdeck_jobs";

export interface AlarmRefreshOptions {
  boss: PgBoss;
  db: Db;
  /** Aborted when the tracker stops. */
  signal: AbortSignal;
  /** Default: ALARM_REFRESH_SECONDS, else 60. */
  intervalSeconds?: number;
}

export function refreshIntervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.ALARM_REFRESH_SECONDS);
  return Number.isFinite(value) && value > 0 ? value : 60;
}

interface RefreshJob {
  environment: string;
}

export async function startAlarmRefresh(options: AlarmRefreshOptions): Promise<void> {
  const { boss, db, signal } = options;
  const interval = options.intervalSeconds ?? refreshIntervalSeconds();
  await boss.createQueue(ALARM_QUEUE, { name: ALARM_QUEUE, policy: "stately" });
  const send = (environment: string, startAfter: number) =>
    boss.send(ALARM_QUEUE, { environment } satisfies RefreshJob, {
      singletonKey: environment,
      startAfter: Math.max(0, Math.ceil(startAfter)),
      expireInSeconds: Math.max(60, interval * 2),
      retryLimit: 1,
      retryDelay: 1,
    });

  await boss.work<RefreshJob>(ALARM_QUEUE, { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, Math.min(1, interval)) }, async ([job]) => {
    if (!job) return;
    try {
      // Background priority: when the shared AWS call budget is short, active deployments go first.
      await withCallBudget({ priority: "background", maxWaitMs: 60_000, signal }, () => refreshEnvironmentAlarms(db, job.data.environment));
    } catch (error) {
      // A failed refresh waits for the next interval; throttling included (the interval is the backoff).
      if (!(error instanceof AwsThrottledError)) console.error(`alarm refresh of ${job.data.environment} failed`, (error as Error).message);
    }
    if (!signal.aborted) await send(job.data.environment, interval);
  });

  const sweep = async () => {
    const { rows } = await boss.getDb().executeSql(
      `SELECT e.key FROM environments e WHERE NOT EXISTS
         (SELECT 1 FROM ${JOBS_SCHEMA}.job j WHERE j.name = $1 AND j.singleton_key = e.key AND j.state < 'completed')`,
      [ALARM_QUEUE],
    );
    for (const { key } of rows as { key: string }[]) await send(key, 0);
  };
  await sweep();
  const timer = setInterval(() => {
    sweep().catch((error) => console.error("alarm refresh: sweep failed", (error as Error).message));
  }, Math.max(interval, 30) * 1000);
  timer.unref();
  signal.addEventListener("abort", () => clearInterval(timer), { once: true });
}
