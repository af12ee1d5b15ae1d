// `npm run db:migrate`: apply pending migrations to DATABASE_URL (or the running dev database).
import { migrate } from "../lib/db/migrator.ts";
import { readRuntimeInfo } from "./lib/paths.ts";

const url = process.env.DATABASE_URL ?? readRuntimeInfo()?.databaseUrl;
if (!url) {
  console.error("Set DATABASE_URL, or start `npm run dev` (its embedded database is used then).");
  process.exit(2);
}
migrate(url)
  .then(({ applied, alreadyApplied }) => {
    console.log(applied.length ? `applied: ${applied.join(", ")}` : `nothing to apply (${alreadyApplied} already applied)`);
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
