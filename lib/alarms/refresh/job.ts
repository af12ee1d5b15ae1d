import type PgBoss from "pg-boss";
import type { Db } from "../../db/client.ts";
import { ENVIRONMENT_KEYS, secondsFromEnv, startPeriodicJob } from "../../jobs/periodic.ts";
import { refreshEnvironmentAlarms } from "./refresh.ts";

// One refresh chain per environment (lib/jobs/periodic.ts): at most one run at a time across every worker, its
// CloudWatch and CloudFormation calls at background priority in the shared call budget.

export const ALARM_QUEUE = "alarm-refresh";

export interface AlarmRefreshOptions {
  boss: PgBoss;
  db: Db;
  /** Aborted when the tracker stops. */
  signal: AbortSignal;
  /** Default: ALARM_REFRESH_SECONDS, else 10: each run reads the history since the last (one call per region), the
   * full DescribeAlarms read happens once a minute (refresh.ts), so a transition reaches open pages within seconds. */
  intervalSeconds?: number;
}

export function refreshIntervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  return secondsFromEnv("ALARM_REFRESH_SECONDS", 10, env);
}

export async function startAlarmRefresh(options: AlarmRefreshOptions): Promise<void> {
  await startPeriodicJob({
    boss: options.boss,
    queue: ALARM_QUEUE,
    intervalSeconds: options.intervalSeconds ?? refreshIntervalSeconds(),
    signal: options.signal,
    keysSql: ENVIRONMENT_KEYS,
    run: (environment) => refreshEnvironmentAlarms(options.db, environment),
  });
}
