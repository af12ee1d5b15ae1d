import type PgBoss from "pg-boss";
import type { Db } from "../db/client.ts";
import { ENVIRONMENT_KEYS, secondsFromEnv, startPeriodicJob } from "../jobs/periodic.ts";
import { runTeardownTick } from "./runner.ts";

export const TEARDOWN_QUEUE = "teardown-tick";

/** Per environment every TEARDOWN_TICK_SECONDS (default 15): warns, tears down and recreates on schedule. */
export async function startTeardownJob(options: { boss: PgBoss; db: Db; signal: AbortSignal }): Promise<void> {
  await startPeriodicJob({
    ...options,
    queue: TEARDOWN_QUEUE,
    intervalSeconds: secondsFromEnv("TEARDOWN_TICK_SECONDS", 15),
    keysSql: ENVIRONMENT_KEYS,
    run: (environment) => runTeardownTick(options.db, environment),
  });
}
