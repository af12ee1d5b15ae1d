// `npm run dev`: everything a developer needs, with embedded defaults. PostgreSQL (embedded unless DATABASE_URL),
// migrations, demo data, then the app (and further processes as the product grows), supervised together.
import path from "node:path";
import { prepareDatabase } from "./lib/database.ts";
import { demoChild, reapOrphans, superviseChildren, workerChild, type ChildSpec } from "./lib/children.ts";
import { localCheckpointFile, ROOT, localAuditKey, localAuthSecret, readRuntimeInfo, writeRuntimeInfo } from "./lib/paths.ts";
import { DEFAULT_DEMO_PASSWORD, DEMO_USERS } from "../lib/db/seed.ts";

const log = (line: string) => console.log(`[dev]      ${line}`);

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const port = Number(process.env.PORT ?? 3000);
  const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const demo = process.env.STACKDECK_DEMO !== "0";
  await reapOrphans(readRuntimeInfo());
  // The audit key lives outside the database (.data/, like the NextAuth secret); the seed already writes entries.
  process.env.AUDIT_HMAC_KEY ??= localAuditKey();
  process.env.AUDIT_CHECKPOINT_FILE ??= localCheckpointFile(process.env.DATABASE_URL);
  const db = await prepareDatabase({ demo, log });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    NEXTAUTH_URL: appUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localAuthSecret(),
    STACKDECK_DEMO: demo ? "1" : "0",
  };
  const children: ChildSpec[] = [];
  const sandbox = sandboxChild(env);
  if (sandbox) children.push(sandbox);
  // next dev behind our front server (scripts/serve.ts), so client IPs come from the socket as in production.
  children.push({ name: "app", command: path.join(ROOT, "node_modules/.bin/tsx"), args: ["scripts/serve.ts", "--dev", "--port", String(port)], env, color: 36 });
  children.push(workerChild(env));
  // Demo data only ever goes into the local sandbox, never into an AWS account or an emulator the user chose.
  const demoData = demo && !!sandbox && process.env.STACKDECK_DEMO_DATA !== "0";
  if (demoData) children.push(demoChild(env));
  const childPids = superviseChildren(children, db.stop);
  writeRuntimeInfo({ databaseUrl: db.url, migrationDatabaseUrl: db.ownerUrl, appUrl, sandboxUrl: sandbox ? env.AWS_ENDPOINT_URL : undefined, pid: process.pid, childPids });

  log(sandbox ? `AWS: local sandbox at ${env.AWS_ENDPOINT_URL} (state in .data/sandbox.json)` : `AWS: ${describeRealAws()}`);
  log(`Stackdeck is starting at ${appUrl}`);
  if (demo) {
    const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
    log(`sign in as ${DEMO_USERS.map((u) => u.email).join(", ")} with password "${password}"`);
  }
}

/**
 * The local AWS sandbox, unless the user chose another AWS: STACKDECK_AWS=aws (real AWS with the usual credential
 * chain) or AWS_ENDPOINT_URL (e.g. LocalStack). The app reaches either through the same SDK code path.
 */
function sandboxChild(env: NodeJS.ProcessEnv): ChildSpec | null {
  if (process.env.STACKDECK_AWS === "aws" || process.env.AWS_ENDPOINT_URL) return null;
  const port = process.env.SANDBOX_PORT ?? "4599";
  Object.assign(env, {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_REGION: process.env.AWS_REGION ?? "us-east-1",
    AWS_ACCESS_KEY_ID: "sandbox",
    AWS_SECRET_ACCESS_KEY: "sandbox",
    SANDBOX_SPEED: process.env.SANDBOX_SPEED ?? "0.05", // a pace a person can watch
  });
  return { name: "sandbox", command: path.join(ROOT, "node_modules/.bin/tsx"), args: ["sandbox/server.ts", "--port", port], env, color: 35 };
}

function describeRealAws(): string {
  return process.env.AWS_ENDPOINT_URL ? `endpoint ${process.env.AWS_ENDPOINT_URL}` : `real AWS in ${process.env.AWS_REGION ?? "(AWS_REGION unset)"}`;
}

main().catch((error) => {
  console.error(`[dev]      could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
