import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createScratchDatabase } from "../testing/scratch-database.ts";
import { migrate } from "./migrator.ts";
import { dropDatabaseRoles, provisionDatabaseRoles, roleNamesFor } from "./roles.ts";

// Roles are cluster-wide and every engineer's test runs share one server: provisioning must be idempotent, safe
// when started twice at once, and take over a database whose tables another role created (dev databases made
// before there were two roles).
const server = process.env.STACKDECK_TEST_SERVER_URL!;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  scratch = await createScratchDatabase(server, "stackdeck_roles");
  await migrate(scratch.url); // as the superuser, like the first version of npm run dev did
});

afterAll(async () => {
  await scratch.drop();
  await dropDatabaseRoles(server, scratch.name);
});

describe("provisionDatabaseRoles", () => {
  it("creates both roles once, even when three processes provision the same database at the same moment", async () => {
    const password = () => "same-password-for-every-caller";
    const results = await Promise.all([1, 2, 3].map(() => provisionDatabaseRoles(server, scratch.name, password)));
    expect(new Set(results.map((r) => r.appUrl)).size).toBe(1);
    const again = await provisionDatabaseRoles(server, scratch.name, password);
    expect(await query(again.appUrl, "SELECT current_user AS me")).toEqual([{ me: roleNamesFor(scratch.name).app }]);
    expect(await query(again.ownerUrl, "SELECT current_user AS me")).toEqual([{ me: roleNamesFor(scratch.name).owner }]);
  });

  it("hands the database and every table a superuser created to the owner, and gives the app nothing of its own", async () => {
    const { owner, app } = roleNamesFor(scratch.name);
    const owners = await query(server.replace(/\/[^/]*$/, `/${scratch.name}`), `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
    expect(owners).toEqual([{ tableowner: owner }]);
    const [db] = await query(server, `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = '${scratch.name}'`);
    expect(db).toEqual({ owner });
    const [role] = await query(server, `SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = '${app}'`);
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
  });

  it("refuses a database name that would make the role names collide after PostgreSQL's 63-character cut", () => {
    expect(() => roleNamesFor("x".repeat(60))).toThrow(/too long/);
  });
});
