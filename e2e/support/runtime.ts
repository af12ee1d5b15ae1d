import { readFileSync } from "node:fs";
import path from "node:path";

export const E2E_RUNTIME_FILE = path.resolve(import.meta.dirname, "../../.data/e2e-runtime.json");

/** The e2e server's database, for checks that must look behind the UI (e.g. the audit chain). */
export function e2eDatabaseUrl(): string {
  return (JSON.parse(readFileSync(E2E_RUNTIME_FILE, "utf8")) as { databaseUrl: string }).databaseUrl;
}

/** The e2e server's in-process sandbox (the AWS endpoint), for specs that act as AWS would (e.g. an alarm going off). */
export function e2eSandboxUrl(): string {
  return (JSON.parse(readFileSync(E2E_RUNTIME_FILE, "utf8")) as { sandboxUrl: string }).sandboxUrl;
}
