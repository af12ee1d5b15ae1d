import { randomBytes } from "node:crypto";
import { createScratchDatabase } from "../../lib/testing/scratch-database.ts";
import { setUpDatabase } from "../../lib/db/setup.ts";

/** The PostgreSQL server benches create their database on: DATABASE_URL's, else the local one on 5432. */
export const BENCH_SERVER = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A fresh, migrated database for one bench run, with pg-boss's schema (drop it with `.drop()` when done). Benches connect as the owner. */
export async function benchDatabase(prefix: string) {
  const scratch = await createScratchDatabase(BENCH_SERVER, prefix);
  await setUpDatabase(scratch.url, null);
  process.env.AUDIT_HMAC_KEY ??= randomBytes(32).toString("base64url"); // what the entries benches write are keyed with
  return scratch;
}
