import { randomBytes } from "node:crypto";
import { createDb, type Db } from "../db/client.ts";
import { ensureDefaultEnvironments } from "../environments/defaults.ts";
import { createUser } from "../users/commands.ts";
import { loadActor } from "../auth/actors.ts";
import type { Actor } from "../auth/guard.ts";
import type { RoleName } from "../auth/roles.ts";

let shared: Db | undefined;

/** The test run's database (see global-setup.ts), with the default environments in place. */
export async function testDb(): Promise<Db> {
  if (!shared) {
    shared = createDb(process.env.DATABASE_URL);
    await ensureDefaultEnvironments(shared);
    // Like every real installation, the test database has an administrator, so "keep one admin" rules hold.
    if (!(await shared.roleGrant.count({ where: { role: "admin", environmentId: null } }))) {
      await createUser(shared, {
        actor: "system",
        input: { email: uniqueEmail("fixture-admin"), name: "Fixture admin", password: TEST_PASSWORD, role: "admin", environment: "*" },
      });
    }
  }
  return shared;
}

let owner: Db | undefined;

/** The same database as the owner (MIGRATION_DATABASE_URL): for test set-up and clean-up the app may not do. */
export function ownerTestDb(): Db {
  owner ??= createDb(process.env.MIGRATION_DATABASE_URL);
  return owner;
}

export const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@test.example`;
export const TEST_PASSWORD = "correct horse battery";

/** A user with one role (for every environment unless `environment` is given), loaded as an Actor. */
export async function makeActor(role: RoleName, environment = "*", label: string = role): Promise<Actor> {
  const db = await testDb();
  const email = uniqueEmail(label);
  const { id } = await createUser(db, {
    actor: "system",
    input: { email, name: `Test ${label}`, password: TEST_PASSWORD, role, environment },
  });
  return (await loadActor(db, id))!;
}
