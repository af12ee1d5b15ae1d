import type PgBoss from "pg-boss";
import type { Db } from "../db/client.ts";
import { ENVIRONMENT_KEYS, secondsFromEnv, startPeriodicJob } from "../jobs/periodic.ts";
import { refreshEnvironmentDrift } from "./refresh.ts";

export const DRIFT_QUEUE = "drift-refresh";

/**
 * Per environment every DRIFT_REFRESH_SECONDS (default 10): follows detections in flight and starts the scheduled
 * ones (every stack every DRIFT_CHECK_HOURS, default 24). Idle environments make no AWS calls.
 */
export async function startDriftRefresh(options: { boss: PgBoss; db: Db; signal: AbortSignal }): Promise<void> {
  const checkEveryMs = secondsFromEnv("DRIFT_CHECK_HOURS", 24) * 3_600_000;
  await startPeriodicJob({
    ...options,
    queue: DRIFT_QUEUE,
    intervalSeconds: secondsFromEnv("DRIFT_REFRESH_SECONDS", 10),
    keysSql: ENVIRONMENT_KEYS,
    run: (environment) => refreshEnvironmentDrift(options.db, environment, { checkEveryMs }),
  });
}
