import { randomBytes } from "node:crypto";
import { dropDatabaseRoles, provisionDatabaseRoles } from "../db/roles.ts";
import { setUpDatabase } from "../db/setup.ts";
import { createScratchDatabase } from "./scratch-database.ts";

/**
 * A scratch database set up like production: roles `<name>_owner` (migrations, pg-boss's schema) and `<name>_app`
 * (what the code under test connects as), both dropped with the database, so parallel runs on one server never
 * share a role.
 */
export async function createScratchDatabaseWithRoles(serverUrl: string, prefix: string) {
  const scratch = await createScratchDatabase(serverUrl, prefix);
  const password = randomBytes(18).toString("base64url");
  try {
    const roles = await provisionDatabaseRoles(serverUrl, scratch.name, () => password);
    await setUpDatabase(roles.ownerUrl, roles.app);
    return {
      ...roles,
      name: scratch.name,
      drop: async () => {
        await scratch.drop();
        await dropDatabaseRoles(serverUrl, scratch.name);
      },
    };
  } catch (error) {
    await scratch.drop();
    await dropDatabaseRoles(serverUrl, scratch.name).catch(() => undefined);
    throw error;
  }
}
