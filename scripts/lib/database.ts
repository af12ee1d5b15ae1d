import path from "node:path";
import pg from "pg";
import { migrate } from "../../lib/db/migrator.ts";
import { createDb } from "../../lib/db/client.ts";
import { seed } from "../../lib/db/seed.ts";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres.ts";
import { syncTemplateCatalog } from "../../lib/templates/sync.ts";
import { DATA_DIR } from "./paths.ts";

export interface PreparedDatabase {
  url: string;
  embedded: boolean;
  createdUsers: string[];
  stop: () => Promise<void>;
}

/**
 * DATABASE_URL when set, else the embedded PostgreSQL (data in .data/postgres, or in a per-checkout folder the
 * postgres user can reach when it cannot reach this one); then migrations and the seed.
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
    const { applied } = await migrate(url);
    options.log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
    const db = createDb(url);
    const { createdUsers } = await seed(db, { demo: options.demo, demoPassword: process.env.DEMO_PASSWORD });
    const catalog = await syncTemplateCatalog(db);
    options.log(`template catalog: ${catalog.added.length} new version(s), ${catalog.unchanged} unchanged`);
    for (const bad of catalog.invalid) {
      options.log(`template ${bad.file} is invalid and not offered: ${bad.issues.map((i) => (i.line ? `line ${i.line}: ` : "") + i.message).join("; ")}`);
    }
    await db.$disconnect();
    return { url, embedded, createdUsers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
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
