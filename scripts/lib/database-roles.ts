import { createHmac } from "node:crypto";
import pg from "pg";
import { provisionDatabaseRoles, roleOfUrl } from "../../lib/db/roles.ts";
import { localSecret } from "./paths.ts";

export interface ResolvedRoles {
  /** Migrations, pg-boss's schema and grants run with this URL. */
  ownerUrl: string;
  /** The app, the worker, the seed and the CLI use this one. */
  appUrl: string;
  /** The role to grant to, or null when app and owner are the same role. */
  appRole: string | null;
}

const MAINTENANCE_DATABASES = new Set(["postgres", "template0", "template1"]);

/**
 * Which role does what. MIGRATION_DATABASE_URL set: it is the owner and `url` the app (production). Otherwise,
 * when `url` is a superuser's (the embedded server, a local PostgreSQL), `<database>_owner` and `<database>_app`
 * are created for this database. Else one role does both, which the log says plainly.
 */
export async function resolveDatabaseRoles(url: string, log: (line: string) => void): Promise<ResolvedRoles> {
  const ownerUrl = process.env.MIGRATION_DATABASE_URL;
  if (ownerUrl) return { ownerUrl, appUrl: url, appRole: roleOfUrl(url) === roleOfUrl(ownerUrl) ? null : roleOfUrl(url) };
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!MAINTENANCE_DATABASES.has(database) && (await mayCreateRoles(url))) {
    const roles = await provisionDatabaseRoles(url, database, localRolePassword);
    log(`database roles: ${roles.owner} owns the schema and runs migrations; the app connects as ${roles.app}`);
    return { ownerUrl: roles.ownerUrl, appUrl: roles.appUrl, appRole: roles.app };
  }
  log(`WARNING: the app connects as ${roleOfUrl(url)}, which owns the schema: set MIGRATION_DATABASE_URL to the owner and DATABASE_URL to a role of its own (README, Security)`);
  return { ownerUrl: url, appUrl: url, appRole: null };
}

/** Stable per checkout and role, so a second process provisioning the same database never invalidates the first's URL. */
function localRolePassword(role: string): string {
  return createHmac("sha256", localSecret("database-role-secret")).update(role).digest("base64url");
}

async function mayCreateRoles(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("SELECT rolsuper AS ok FROM pg_roles WHERE rolname = current_user");
    return rows[0]?.ok === true;
  } finally {
    await client.end();
  }
}
