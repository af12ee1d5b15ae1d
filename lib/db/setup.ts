import { migrate, type MigrateResult } from "./migrator.ts";
import { installJobSchema } from "./job-schema.ts";
import { grantAppPrivileges } from "./privileges.ts";

export interface SetUpResult extends MigrateResult {
  /** Tables no entry of APP_TABLE_PRIVILEGES classifies (they got the default privileges). */
  unclassified: string[];
}

/**
 * Everything the owner does before the app may start, in order: SQL migrations, pg-boss's schema and queues, then
 * the app role's grants. `appRole` null means the app connects as the owner itself (benchmarks, a single-role
 * installation): then there is nothing to grant.
 */
export async function setUpDatabase(ownerUrl: string, appRole: string | null): Promise<SetUpResult> {
  const result = await migrate(ownerUrl);
  await installJobSchema(ownerUrl);
  const unclassified = appRole ? await grantAppPrivileges(ownerUrl, appRole) : [];
  return { ...result, unclassified };
}
