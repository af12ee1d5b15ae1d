import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { APP_TABLE_PRIVILEGES } from "./privileges.ts";
import { roleOfUrl } from "./roles.ts";
import { JOBS_SCHEMA } from "../deployments/tracker/timing.ts";

// The test run's database is set up like production (lib/testing/global-setup.ts): DATABASE_URL is the app's role,
// MIGRATION_DATABASE_URL the owner's. Everything the app's connection might use to rewrite history must fail.
let app: pg.Client;
let owner: pg.Client;

beforeAll(async () => {
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  owner = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
  await Promise.all([app.connect(), owner.connect()]);
});

afterAll(async () => {
  await Promise.all([app.end(), owner.end()]);
});

describe("the app's database role", () => {
  it("is neither a superuser nor the owner of anything", async () => {
    const { rows } = await app.query(`SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await owner.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname IN ('public', $2) AND pg_get_userbyid(c.relowner) = $1`,
      [roleOfUrl(process.env.DATABASE_URL!), JOBS_SCHEMA],
    );
    expect(owned.rows).toEqual([]);
  });

  it("cannot disable the audit trigger, update, delete or truncate the audit table", async () => {
    await expect(app.query("ALTER TABLE audit_events DISABLE TRIGGER USER")).rejects.toThrow(/must be owner/);
    await expect(app.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete")).rejects.toThrow(/must be owner/);
    await expect(app.query("UPDATE audit_events SET actor_label = 'mallory' WHERE seq = 1")).rejects.toThrow(/permission denied/);
    await expect(app.query("DELETE FROM audit_events")).rejects.toThrow(/permission denied/);
    await expect(app.query("TRUNCATE audit_events")).rejects.toThrow(/permission denied/);
    await expect(app.query("SET session_replication_role = replica")).rejects.toThrow(/permission denied/);
  });

  it("can read and append to the audit table", async () => {
    await expect(app.query("SELECT count(*) FROM audit_events")).resolves.toBeTruthy();
    const grants = await app.query(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = current_user AND table_name = 'audit_events' ORDER BY 1`,
    );
    expect(grants.rows.map((r) => r.privilege_type)).toEqual(["INSERT", "SELECT"]);
  });

  it("can run no DDL: no tables, schemas, functions, drops, not even in pg-boss's schema", async () => {
    await expect(app.query("CREATE TABLE public.mine (id int)")).rejects.toThrow(/permission denied for schema public/);
    await expect(app.query(`CREATE TABLE ${JOBS_SCHEMA}.mine (id int)`)).rejects.toThrow(/permission denied for schema/);
    await expect(app.query("CREATE SCHEMA mine")).rejects.toThrow(/permission denied for database/);
    await expect(app.query("DROP TABLE audit_events")).rejects.toThrow(/must be owner/);
    await expect(app.query("CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'")).rejects.toThrow(/permission denied/);
    await expect(app.query("UPDATE template_versions SET body = 'x'")).rejects.toThrow(/permission denied/);
  });

  it("holds exactly the grants privileges.ts lists, for every table the migrations created", async () => {
    const tables = await owner.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    expect(tables.rows.map((r) => r.tablename).filter((t) => !(t in APP_TABLE_PRIVILEGES))).toEqual([]);
    const { rows } = await app.query(
      `SELECT table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) AS privileges
       FROM information_schema.role_table_grants WHERE grantee = current_user AND table_schema = 'public' GROUP BY 1`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.table_name, r.privileges]));
    for (const [table, privileges] of Object.entries(APP_TABLE_PRIVILEGES)) {
      expect([table, actual[table] ?? ""]).toEqual([table, [...privileges].sort().join(",")]);
    }
  });
});
