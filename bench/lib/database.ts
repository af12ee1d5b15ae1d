import { createScratchDatabase } from "../../lib/testing/scratch-database.ts";
import { migrate } from "../../lib/db/migrator.ts";

/** The PostgreSQL server benches create their database on: DATABASE_URL's, else the local one on 5432. */
export const BENCH_SERVER = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A fresh, migrated database for one bench run (drop it with `.drop()` when done). */
export async function benchDatabase(prefix: string) {
  const scratch = await createScratchDatabase(BENCH_SERVER, prefix);
  await migrate(scratch.url);
  return scratch;
}
