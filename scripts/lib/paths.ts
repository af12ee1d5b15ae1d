import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DATA_DIR = path.join(ROOT, ".data");
export const RUNTIME_FILE = path.join(DATA_DIR, "runtime.json");

export function ensureDataDir(): void {
  mkdirSync(DATA_DIR, { recursive: true });
}

/** A NEXTAUTH_SECRET generated once per checkout and kept in .data/ (git-ignored), never committed. */
export function localAuthSecret(): string {
  ensureDataDir();
  const file = path.join(DATA_DIR, "nextauth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** What `npm run dev` is running right now, so `npx stackdeck` finds the embedded database without setup. */
export interface RuntimeInfo {
  databaseUrl: string;
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
