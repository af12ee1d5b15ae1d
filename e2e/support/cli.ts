import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npx stackdeck …` as a pipeline runs it: its own process, no database, only the console's URL and a token. */
export function runStackdeck(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _, ...rest } = process.env;
    const child = spawn(process.execPath, [path.join(ROOT, "bin/stackdeck.mjs"), ...args], { cwd: ROOT, env: { ...rest, ...env, CI: "true" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
