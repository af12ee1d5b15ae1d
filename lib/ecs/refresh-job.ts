import type PgBoss from "pg-boss";
import type { Db } from "../db/client.ts";
import { ENVIRONMENT_KEYS, secondsFromEnv, startPeriodicJob } from "../jobs/periodic.ts";
import { refreshEnvironmentEcsHealth } from "./refresh.ts";

export const ECS_HEALTH_QUEUE = "ecs-health-refresh";

/** ECS health of every environment every ECS_REFRESH_SECONDS (default 15), one run at a time across workers. */
export async function startEcsHealthRefresh(options: { boss: PgBoss; db: Db; signal: AbortSignal }): Promise<void> {
  await startPeriodicJob({
    ...options,
    queue: ECS_HEALTH_QUEUE,
    intervalSeconds: secondsFromEnv("ECS_REFRESH_SECONDS", 15),
    keysSql: ENVIRONMENT_KEYS,
    run: (environment) => refreshEnvironmentEcsHealth(options.db, environment),
  });
}
