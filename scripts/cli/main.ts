// `npx stackdeck <command>`: the admin CLI. Acts as "system" (the operator holds the database credentials);
// every change is still audited.
import { createDb } from "../../lib/db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { localCheckpointFile, localAuditKey, readRuntimeInfo } from "../lib/paths.ts";
import { COMMANDS } from "./commands.ts";
import { CATALOG_COMMANDS } from "./catalog-commands.ts";

const ALL_COMMANDS = { ...COMMANDS, ...CATALOG_COMMANDS };
import { UsageError } from "./args.ts";

export async function runCli(argv: string[], out = console.log, err = console.error): Promise<number> {
  const words = ALL_COMMANDS[argv.slice(0, 2).join(" ") as keyof typeof ALL_COMMANDS] ? 2 : 1;
  const command = ALL_COMMANDS[argv.slice(0, words).join(" ") as keyof typeof ALL_COMMANDS];
  if (!command) {
    err(`usage: stackdeck <command>\n\n${Object.values(ALL_COMMANDS).map((c) => `  ${c.usage}`).join("\n")}`);
    return 2;
  }
  const needsDb = !("needsDb" in command) || command.needsDb;
  const runtime = process.env.DATABASE_URL ? null : readRuntimeInfo();
  const url = process.env.DATABASE_URL ?? runtime?.databaseUrl;
  if (runtime) {
    // The running `npm run dev`'s database: its audit key and checkpoints are this checkout's (.data/).
    process.env.AUDIT_HMAC_KEY ??= localAuditKey();
    process.env.AUDIT_CHECKPOINT_FILE ??= localCheckpointFile(runtime.databaseUrl);
  }
  if (needsDb && !url) {
    err("Set DATABASE_URL, or start `npm run dev` (its embedded database is used then).");
    return 2;
  }
  const db = needsDb ? createDb(url) : null;
  try {
    return await command.run(db as never, argv.slice(words), out);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`error: ${error.message}\nusage: stackdeck ${command.usage}`);
      return 2;
    }
    if (error instanceof AppError) {
      const fields = error.fieldErrors ? Object.entries(error.fieldErrors).map(([f, m]) => `\n  ${f}: ${m.join(" ")}`).join("") : "";
      err(`error: ${error.message}${fields}`);
      return error.code === "validation_failed" ? 2 : 1;
    }
    err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
