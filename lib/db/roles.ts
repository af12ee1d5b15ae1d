import pg from "pg";

// Two database roles per Stackdeck database: `<database>_owner` owns the schema and runs migrations; `<database>_app`
// is what the app, the worker and the CLI connect as: it owns nothing and holds only the grants of privileges.ts.
// Roles are cluster-wide in PostgreSQL while tests share one server, so the names derive from the database (a
// scratch database gets roles of its own, dropped with it) and every step tolerates a concurrent twin.

export interface RoleUrls {
  owner: string;
  app: string;
  ownerUrl: string;
  appUrl: string;
}

const MAX_IDENTIFIER = 63; // PostgreSQL truncates longer names, which would make two databases share a role

export function roleNamesFor(database: string): { owner: string; app: string } {
  const names = { owner: `${database}_owner`, app: `${database}_app` };
  if (names.owner.length > MAX_IDENTIFIER) throw new Error(`database name ${database} is too long to derive role names from`);
  return names;
}

/** A URL to the same server and database as `base`, logged in as `user`. */
export function urlAs(base: string, database: string, user: string, password: string): string {
  const url = new URL(base);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  url.pathname = `/${database}`;
  return url.toString();
}

// SQLSTATEs a concurrent CREATE ROLE / GRANT of the same name can raise: duplicate_object, unique_violation (two
// inserts into pg_authid racing) and "tuple concurrently updated" (XX000).
const RACE_CODES = new Set(["42710", "23505", "XX000"]);

async function tolerateRace(client: pg.Client, sql: string): Promise<void> {
  try {
    await client.query(sql);
  } catch (error) {
    if (!RACE_CODES.has((error as { code?: string }).code ?? "")) throw error;
  }
}

/**
 * Creates (or brings back into shape) both roles for `database` on the server of `adminUrl` (a superuser or a role
 * with CREATEROLE), hands the database to the owner and returns both URLs. Idempotent: safe at every start and
 * when two processes provision the same database at once (an advisory lock in that database orders them).
 */
export async function provisionDatabaseRoles(adminUrl: string, database: string, passwordOf: (role: string) => string): Promise<RoleUrls> {
  const { owner, app } = roleNamesFor(database);
  const client = new pg.Client({ connectionString: urlWithDatabase(adminUrl, database) });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(7250118414)"); // "stackdeck roles", per database
    for (const role of [owner, app]) {
      const name = client.escapeIdentifier(role);
      await tolerateRace(client, `CREATE ROLE ${name} LOGIN`);
      // Whatever state a previous run left: able to log in, with no power beyond its grants.
      await client.query(`ALTER ROLE ${name} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${client.escapeLiteral(passwordOf(role))}`);
    }
    const db = client.escapeIdentifier(database);
    await client.query(`ALTER DATABASE ${db} OWNER TO ${client.escapeIdentifier(owner)}`);
    // Only these two roles (and superusers) may connect; the app may not create schemas in it.
    await client.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
    await tolerateRace(client, `GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${client.escapeIdentifier(app)}`);
    await adoptObjects(client, owner);
    await client.query("SELECT pg_advisory_unlock(7250118414)");
  } finally {
    await client.end();
  }
  return { owner, app, ownerUrl: urlAs(adminUrl, database, owner, passwordOf(owner)), appUrl: urlAs(adminUrl, database, app, passwordOf(app)) };
}

/** Drops both roles of a database that was dropped before (tests' scratch databases). */
export async function dropDatabaseRoles(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlWithDatabase(adminUrl, "postgres") });
  await client.connect();
  try {
    for (const role of Object.values(roleNamesFor(database))) await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(role)}`);
  } finally {
    await client.end();
  }
}

/**
 * The cut-over for databases created before there were two roles (a developer's .data/postgres): everything in
 * the application's schemas that another role owns is handed to the owner, so migrations and grants work as the
 * owner from now on. Sequences that belong to a column move with their table.
 */
async function adoptObjects(client: pg.Client, owner: string): Promise<void> {
  await client.query(
    `DO $$
     DECLARE r record;
     BEGIN
       EXECUTE format('ALTER SCHEMA public OWNER TO %I', $1);
       FOR r IN SELECT nspname FROM pg_namespace WHERE nspname = 'stackdeck_jobs' AND pg_get_userbyid(nspowner) <> $1 LOOP
         EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r.nspname, $1);
       END LOOP;
       FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname IN ('public', 'stackdeck_jobs') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                  AND pg_get_userbyid(c.relowner) <> $1
                  AND (c.relkind <> 'S' OR NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                       AND d.objid = c.oid AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i'))) LOOP
         EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', r.nspname, r.relname, $1);
       END LOOP;
       FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname IN ('public', 'stackdeck_jobs') AND pg_get_userbyid(p.proowner) <> $1 LOOP
         EXECUTE format('ALTER FUNCTION %s OWNER TO %I', r.sig, $1);
       END LOOP;
       FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname IN ('public', 'stackdeck_jobs') AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0
                  AND pg_get_userbyid(t.typowner) <> $1 LOOP
         EXECUTE format('ALTER TYPE %s OWNER TO %I', r.name, $1);
       END LOOP;
     END $$`.replaceAll("$1", client.escapeLiteral(owner)),
  );
}

function urlWithDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The role a connection string logs in as (the OS user when the URL names none, as libpq does). */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username) || process.env.PGUSER || process.env.USER || "postgres";
}

/**
 * Why the app's connection would hold more power than it should, or null: it is a superuser, or it owns (or is a
 * member of the owner of) the audit table, so it could disable the table's triggers or rewrite it.
 */
export async function appRoleProblem(appUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; superuser: boolean; owner: string | null; member: boolean | null }>(
      `SELECT current_user AS role, r.rolsuper AS superuser, t.tableowner AS owner,
              CASE WHEN t.tableowner IS NULL THEN NULL ELSE pg_has_role(current_user, t.tableowner, 'USAGE') END AS member
       FROM pg_roles r LEFT JOIN pg_tables t ON t.schemaname = 'public' AND t.tablename = 'audit_events'
       WHERE r.rolname = current_user`,
    );
    const row = rows[0]!;
    if (row.superuser) return `DATABASE_URL connects as ${row.role}, a superuser`;
    if (row.member) return `DATABASE_URL connects as ${row.role}, which owns the schema (${row.owner})`;
    return null;
  } finally {
    await client.end();
  }
}
