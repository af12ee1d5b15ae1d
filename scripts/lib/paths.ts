import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DATA_DIR = path.join(ROOT, ".data");
export const RUNTIME_FILE = path.join(DATA_DIR, "runtime.json");

export function ensureDataDir(): void {
  mkdirSync(DATA_DIR, { recursive: true });
}

/** A secret generated once per checkout and kept in .data/<name> (git-ignored, mode 600), never committed. */
export function localSecret(name: string): string {
  ensureDataDir();
  const file = path.join(DATA_DIR, name);
  try {
    // "wx": two processes starting at once must not each write (and use) a different secret.
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

/** The NEXTAUTH_SECRET of `npm run dev`. */
export const localAuthSecret = () => localSecret("nextauth-secret");

/** The AUDIT_HMAC_KEY of `npm run dev`: outside the database, so whoever can write the database cannot re-key the chain. */
export const localAuditKey = () => localSecret("audit-hmac-key");

/**
 * Where `npm run dev` (and `npm start`, unless AUDIT_CHECKPOINT_FILE says otherwise) appends signed audit
 * checkpoints: one file per database, since a checkpoint only means something for the log it was taken of.
 */
export function localCheckpointFile(databaseUrl: string | undefined): string {
  const database = databaseUrl ? decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) : "stackdeck";
  return path.join(DATA_DIR, `audit-checkpoints-${database.replace(/[^\w.-]/g, "_")}.jsonl`);
}

/** What `npm run dev` is running right now, so `npx stackdeck` finds the embedded database without setup. */
export interface RuntimeInfo {
  databaseUrl: string;
  /** The owner's URL (migrations), when it differs from the app's. */
  migrationDatabaseUrl?: string;
  appUrl: string;
  /** The local sandbox's URL, when npm run dev started one. */
  sandboxUrl?: string;
  pid: number;
  childPids: number[];
}

export function writeRuntimeInfo(info: RuntimeInfo): void {
  ensureDataDir();
  writeFileSync(RUNTIME_FILE, JSON.stringify(info, null, 2), { mode: 0o600 });
}

export function readRuntimeInfo(): RuntimeInfo | null {
  try {
    return JSON.parse(readFileSync(RUNTIME_FILE, "utf8")) as RuntimeInfo;
  } catch {
    return null;
  }
}
