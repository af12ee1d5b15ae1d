// `npm run dev`: everything a developer needs, with embedded defaults. PostgreSQL (embedded unless DATABASE_URL),
// migrations, demo data, then the app (and further processes as the product grows), supervised together.
import path from "node:path";
import { prepareDatabase } from "./lib/database.ts";
import { superviseChildren, type ChildSpec } from "./lib/children.ts";
import { ROOT, localAuthSecret, writeRuntimeInfo } from "./lib/paths.ts";
import { DEFAULT_DEMO_PASSWORD, DEMO_USERS } from "../lib/db/seed.ts";

const log = (line: string) => console.log(`[dev]      ${line}`);

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const port = Number(process.env.PORT ?? 3000);
  const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const demo = process.env.STACKDECK_DEMO !== "0";
  const db = await prepareDatabase({ demo, log });
  writeRuntimeInfo({ databaseUrl: db.url, appUrl, pid: process.pid });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    NEXTAUTH_URL: appUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localAuthSecret(),
    STACKDECK_DEMO: demo ? "1" : "0",
  };
  const children: ChildSpec[] = [
    { name: "app", command: path.join(ROOT, "node_modules/.bin/next"), args: ["dev", "-p", String(port)], env, color: 36 },
  ];
  superviseChildren(children, db.stop);

  log(`Stackdeck is starting at ${appUrl}`);
  if (demo) {
    const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
    log(`sign in as ${DEMO_USERS.map((u) => u.email).join(", ")} with password "${password}"`);
  }
}

main().catch((error) => {
  console.error(`[dev]      could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
