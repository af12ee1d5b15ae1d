import path from "node:path";
import pg from "pg";
import { createDb } from "../../lib/db/client.ts";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres.ts";
import { setUpDatabase } from "../../lib/db/setup.ts";
import { seed } from "../../lib/db/seed.ts";
import { syncTemplateCatalog } from "../../lib/templates/sync.ts";
import { DATA_DIR } from "./paths.ts";
import { resolveDatabaseRoles } from "./database-roles.ts";
import { anchorLegacyChain, type AnchorOutcome } from "../../lib/audit/anchor.ts";

export interface PreparedDatabase {
  /** What the app, the worker and the CLI connect with (the app role). */
  url: string;
  /** The owner's URL (migrations); the same as `url` in a single-role installation. */
  ownerUrl: string;
  embedded: boolean;
  createdUsers: string[];
  stop: () => Promise<void>;
}

/**
 * DATABASE_URL when set, else the embedded PostgreSQL (data in .data/postgres, or in a per-checkout folder the
 * postgres user can reach when it cannot reach this one); then the two roles, migrations and grants as the owner,
 * and the seed as the app (so every start proves the app's grants suffice).
 */
export async function prepareDatabase(options: { demo: boolean; log: (line: string) => void }): Promise<PreparedDatabase> {
  let url = process.env.DATABASE_URL;
  let stop = async () => undefined as void;
  const embedded = !url;
  if (!url) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    const server = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), port, onPlacement: options.log });
    await server.createDatabase("stackdeck");
    url = server.url("stackdeck");
    stop = () => server.stop();
  }
  try {
    await assertReachable(url);
    const roles = await resolveDatabaseRoles(url, options.log);
    const { applied, unclassified } = await setUpDatabase(roles.ownerUrl, roles.appRole);
    options.log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
    if (unclassified.length) options.log(`WARNING: tables without a privilege entry (lib/db/privileges.ts): ${unclassified.join(", ")}`);
    url = roles.appUrl;
    const db = createDb(url);
    logAnchor(await anchorLegacyChain(db), options.log);
    const { createdUsers } = await seed(db, { demo: options.demo, demoPassword: process.env.DEMO_PASSWORD });
    const catalog = await syncTemplateCatalog(db);
    options.log(`template catalog: ${catalog.added.length} new version(s), ${catalog.unchanged} unchanged`);
    for (const bad of catalog.invalid) {
      options.log(`template ${bad.file} is invalid and not offered: ${bad.issues.map((i) => (i.line ? `line ${i.line}: ` : "") + i.message).join("; ")}`);
    }
    await db.$disconnect();
    return { url, ownerUrl: roles.ownerUrl, embedded, createdUsers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function logAnchor(outcome: AnchorOutcome, log: (line: string) => void): void {
  if (outcome === "anchored") log("audit log: keyed from now on; the entries before keep verifying with their SHA-256 chain");
  if (outcome === "refused") log("WARNING: audit log: the newest entries are not keyed although a checkpoint says the chain was: run `npx stackdeck audit verify`");
}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url);
    throw new Error(`Cannot reach PostgreSQL at ${where.host}${where.pathname}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
