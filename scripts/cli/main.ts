// `npx stackdeck <command>`. The admin commands act as "system" (the operator holds the database credentials;
// every change is still audited); the pipeline commands (deploy, status, approve, reject) speak only the HTTP API
// with a token, so they are loaded without the database code (a CI runner has no DATABASE_URL and needs none).
import { UsageError } from "./args.ts";
import { PIPELINE_COMMANDS } from "./pipeline-commands.ts";
import { ApiError } from "./pipeline/client.ts";
import { EXIT } from "./pipeline/outcome.ts";
import type { Terminal } from "./pipeline/progress.ts";

const processTerminal: Terminal = { write: (text) => void process.stdout.write(text), isTTY: Boolean(process.stdout.isTTY) };

export async function runCli(argv: string[], out = console.log, err = console.error, terminal: Terminal = processTerminal): Promise<number> {
  const pipeline = PIPELINE_COMMANDS[argv[0] ?? ""];
  if (pipeline) return runPipeline(pipeline, argv.slice(1), err, terminal);
  return runAdmin(argv, out, err);
}

async function runPipeline(command: (typeof PIPELINE_COMMANDS)[string], argv: string[], err: (line: string) => void, terminal: Terminal): Promise<number> {
  try {
    return await command.run(argv, terminal);
  } catch (error) {
    return reportFailure(error, command.usage, err);
  }
}

async function runAdmin(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const [{ createDb }, { localCheckpointFile, localAuditKey, readRuntimeInfo }, { COMMANDS }, { CATALOG_COMMANDS }] = await Promise.all([
    import("../../lib/db/client.ts"), import("../lib/paths.ts"), import("./commands.ts"), import("./catalog-commands.ts"),
  ]);
  const all = { ...COMMANDS, ...CATALOG_COMMANDS };
  const words = all[argv.slice(0, 2).join(" ") as keyof typeof all] ? 2 : 1;
  const command = all[argv.slice(0, words).join(" ") as keyof typeof all];
  if (!command) {
    const usages = [...Object.values(all), ...Object.values(PIPELINE_COMMANDS)].map((c) => `  ${c.usage}`).join("\n");
    err(`usage: stackdeck <command>\n\n${usages}`);
    return EXIT.usage;
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
    return EXIT.usage;
  }
  const db = needsDb ? createDb(url) : null;
  try {
    return await command.run(db as never, argv.slice(words), out);
  } catch (error) {
    return reportFailure(error, command.usage, err);
  } finally {
    await db?.$disconnect();
  }
}

/**
 * One sentence and the exit code: usage (2) for bad arguments or input refused as invalid, else failed (1). Our
 * errors (AppError from the domain, ApiError from the HTTP API) carry a code and per-field messages.
 */
function reportFailure(error: unknown, usage: string, err: (line: string) => void): number {
  if (error instanceof UsageError) {
    err(`error: ${error.message}\nusage: stackdeck ${usage}`);
    return EXIT.usage;
  }
  if (error instanceof ApiError || (error instanceof Error && error.name === "AppError")) {
    const { code, fields, fieldErrors } = error as Error & { code: string; fields?: Record<string, string[]>; fieldErrors?: Record<string, string[]> };
    err(`error: ${error.message}${Object.entries(fields ?? fieldErrors ?? {}).map(([f, m]) => `\n  ${f}: ${m.join(" ")}`).join("")}`);
    return code === "validation_failed" ? EXIT.usage : EXIT.failed;
  }
  err(`error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.failed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
