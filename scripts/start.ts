// `npm start`: the production server (after `npm run build`) against DATABASE_URL. Applies pending migrations
// and ensures the environments exist first; demo users only with STACKDECK_DEMO=1.
import path from "node:path";
import { prepareDatabase } from "./lib/database.ts";
import { superviseChildren, workerChild } from "./lib/children.ts";
import { ROOT } from "./lib/paths.ts";

const log = (line: string) => console.log(`[start]    ${line}`);

async function main() {
  const missing = ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL"].filter((name) => !process.env[name]);
  if (missing.length) throw new Error(`set ${missing.join(", ")} (see README, Configuration)`);
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const db = await prepareDatabase({ demo: process.env.STACKDECK_DEMO === "1", log });
  const port = process.env.PORT ?? "3000";
  const env = { ...process.env, DATABASE_URL: db.url };
  superviseChildren(
    [{ name: "app", command: path.join(ROOT, "node_modules/.bin/next"), args: ["start", "-p", port], env, color: 36 }, workerChild(env)],
    db.stop,
  );
  log(`serving on port ${port}`);
}

main().catch((error) => {
  console.error(`[start]    could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
