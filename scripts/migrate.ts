// `npm run db:migrate`: as the owner (MIGRATION_DATABASE_URL, else DATABASE_URL, else the running dev database's
// owner), apply pending migrations and pg-boss's schema, then grant the app's role (DATABASE_URL's) what it needs.
import { setUpDatabase } from "../lib/db/setup.ts";
import { roleOfUrl } from "../lib/db/roles.ts";
import { readRuntimeInfo } from "./lib/paths.ts";

const runtime = process.env.DATABASE_URL ? null : readRuntimeInfo();
const appUrl = process.env.DATABASE_URL ?? runtime?.databaseUrl;
const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? runtime?.migrationDatabaseUrl ?? appUrl;
if (!appUrl || !ownerUrl) {
  console.error("Set MIGRATION_DATABASE_URL and DATABASE_URL, or start `npm run dev` (its embedded database is used then).");
  process.exit(2);
}
const appRole = roleOfUrl(appUrl) === roleOfUrl(ownerUrl) ? null : roleOfUrl(appUrl);
setUpDatabase(ownerUrl, appRole)
  .then(({ applied, alreadyApplied, unclassified }) => {
    console.log(applied.length ? `applied: ${applied.join(", ")}` : `nothing to apply (${alreadyApplied} already applied)`);
    if (appRole) console.log(`granted ${appRole} its privileges`);
    if (unclassified.length) console.log(`WARNING: tables without an entry in lib/db/privileges.ts: ${unclassified.join(", ")}`);
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
