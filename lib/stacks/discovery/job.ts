import type PgBoss from "pg-boss";
import type { Db } from "../../db/client.ts";
import { ENVIRONMENT_KEYS, secondsFromEnv, startPeriodicJob } from "../../jobs/periodic.ts";
import { discoverEnvironmentStacks } from "./discover.ts";

export const DISCOVERY_QUEUE = "stack-discovery";

/** Each environment's account listed every DISCOVERY_SECONDS (default 60), one run at a time across workers. */
export async function startStackDiscovery(options: { boss: PgBoss; db: Db; signal: AbortSignal }): Promise<void> {
  await startPeriodicJob({
    ...options,
    queue: DISCOVERY_QUEUE,
    intervalSeconds: secondsFromEnv("DISCOVERY_SECONDS", 60),
    keysSql: ENVIRONMENT_KEYS,
    run: (environment) => discoverEnvironmentStacks(options.db, environment),
  });
}
