// `npm start`: the production server (after `npm run build`). Migrations, pg-boss's schema and grants run as the
// owner (MIGRATION_DATABASE_URL); the app and the worker connect as DATABASE_URL, a role that owns nothing, and
// start is refused when it is a superuser or the owner. Demo users only with STACKDECK_DEMO=1.
import path from "node:path";
import { prepareDatabase } from "./lib/database.ts";
import { superviseChildren, workerChild } from "./lib/children.ts";
import { ROOT, localCheckpointFile } from "./lib/paths.ts";
import { appRoleProblem, roleOfUrl } from "../lib/db/roles.ts";
import { proxyTrustFromEnv } from "../lib/http/client-ip.ts";

const log = (line: string) => console.log(`[start]    ${line}`);

async function main() {
  const missing = ["DATABASE_URL", "MIGRATION_DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "AUDIT_HMAC_KEY"].filter((name) => !process.env[name]);
  if (missing.length) throw new Error(`set ${missing.join(", ")} (see README, Configuration and Security)`);
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  proxyTrustFromEnv(); // a bad TRUST_PROXY_* fails here, before anything starts
  if (!process.env.AUDIT_CHECKPOINT_FILE) {
    process.env.AUDIT_CHECKPOINT_FILE = localCheckpointFile(process.env.DATABASE_URL);
    log(`audit checkpoints: ${process.env.AUDIT_CHECKPOINT_FILE} (set AUDIT_CHECKPOINT_FILE to keep them where the database's admins cannot write)`);
  }
  await refuseOwnerAsApp(process.env.DATABASE_URL!); // before anything is written with it
  const db = await prepareDatabase({ demo: process.env.STACKDECK_DEMO === "1", log });
  await refuseOwnerAsApp(db.url).catch(async (error) => {
    await db.stop();
    throw error;
  });
  const port = process.env.PORT ?? "3000";
  const env = { ...process.env, DATABASE_URL: db.url };
  const serve = { name: "app", command: path.join(ROOT, "node_modules/.bin/tsx"), args: ["scripts/serve.ts", "--port", port], env, color: 36 };
  superviseChildren([serve, workerChild(env)], db.stop);
  log(`serving on port ${port}`);
}

/** The app's role must be neither a superuser nor (a member of) the owner: it could rewrite the audit log. */
async function refuseOwnerAsApp(appUrl: string): Promise<void> {
  const same = roleOfUrl(appUrl) === roleOfUrl(process.env.MIGRATION_DATABASE_URL!) ? `DATABASE_URL and MIGRATION_DATABASE_URL are both ${roleOfUrl(appUrl)}` : null;
  const problem = same ?? (await appRoleProblem(appUrl));
  if (problem) throw new Error(`${problem}: the app's connection could rewrite the audit log. Give DATABASE_URL a role of its own (README, Security)`);
}

main().catch((error) => {
  console.error(`[start]    could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
