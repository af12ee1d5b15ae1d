import { readFileSync } from "node:fs";
import path from "node:path";

export const E2E_RUNTIME_FILE = path.resolve(import.meta.dirname, "../../.data/e2e-runtime.json");

interface E2eRuntime {
  /** The app's role: what the console itself connects as. */
  databaseUrl: string;
  /** The owner's: for specs that act as a DBA would (tampering with the audit log). */
  ownerUrl: string;
  sandboxUrl: string;
  auditKey: string;
  checkpointFile: string;
  /** Everything the e2e server and the app printed. */
  logFile: string;
}

export function e2eRuntime(): E2eRuntime {
  return JSON.parse(readFileSync(E2E_RUNTIME_FILE, "utf8")) as E2eRuntime;
}

/** The e2e server's database, for checks that must look behind the UI (e.g. the audit chain). */
export const e2eDatabaseUrl = () => e2eRuntime().databaseUrl;

/** The e2e server's in-process sandbox (the AWS endpoint), for specs that act as AWS would (e.g. an alarm going off). */
export const e2eSandboxUrl = () => e2eRuntime().sandboxUrl;
