import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from "node:fs";
import { createHmac, timingSafeEqual } from "node:crypto";
import { canonicalJson } from "./canonical.ts";
import type { AuditKeys } from "./key.ts";

// Signed checkpoints of the chain (its head, length and time) appended to a file outside the database
// (AUDIT_CHECKPOINT_FILE). The database can be rolled back or its tail cut off; the file keeps saying how long the
// chain was and how it ended, and its HMAC signature says the app wrote it.

export interface Checkpoint {
  /** Entries 1..count were verified when it was signed. */
  count: bigint;
  /** The hash of entry `count`. */
  head: string;
  /** The first keyed entry (earlier ones are the unkeyed first chain), or null when there was none yet. */
  keyedFrom: bigint | null;
  at: Date;
  keyId: string;
}

interface CheckpointLine {
  v: 1;
  count: string;
  head: string;
  keyedFrom: string | null;
  at: string;
  keyId: string;
  sig?: string;
}

export function checkpointFile(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.AUDIT_CHECKPOINT_FILE || null;
}

function signature(keys: AuditKeys, line: CheckpointLine): string {
  const { sig: _ignored, ...signed } = line;
  return createHmac("sha256", keys.checkpoint).update(canonicalJson(signed)).digest("hex");
}

/** Appends one signed line and flushes it to disk before returning (a crash must not lose a checkpoint we reported). */
export function appendCheckpoint(file: string, keys: AuditKeys, checkpoint: Omit<Checkpoint, "keyId">): Checkpoint {
  const line: CheckpointLine = {
    v: 1,
    count: checkpoint.count.toString(),
    head: checkpoint.head,
    keyedFrom: checkpoint.keyedFrom?.toString() ?? null,
    at: checkpoint.at.toISOString(),
    keyId: keys.id,
  };
  line.sig = signature(keys, line);
  const fd = openSync(file, "a", 0o600);
  try {
    writeSync(fd, `${JSON.stringify(line)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { ...checkpoint, keyId: keys.id };
}

export interface CheckpointRead {
  checkpoint: Checkpoint | null;
  /** Lines after the last valid checkpoint that do not verify (edited, forged or signed with another key). */
  rejected: string[];
}

const TAIL_BYTES = 256 * 1024; // thousands of checkpoints: enough to step back over a few bad lines

/** The newest checkpoint whose signature verifies with this key; a missing file is "no checkpoint yet". */
export function readLastCheckpoint(file: string, keys: AuditKeys): CheckpointRead {
  const text = readTail(file);
  if (text === null) return { checkpoint: null, rejected: [] };
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const rejected: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const parsed = parseLine(lines[i]!, keys);
    if (parsed) return { checkpoint: parsed, rejected };
    rejected.unshift(lines[i]!.slice(0, 200));
  }
  return { checkpoint: null, rejected };
}

function parseLine(raw: string, keys: AuditKeys): Checkpoint | null {
  let line: CheckpointLine;
  try {
    line = JSON.parse(raw) as CheckpointLine;
  } catch {
    return null; // also a torn first line of the tail we read
  }
  if (line.v !== 1 || typeof line.sig !== "string" || line.keyId !== keys.id) return null;
  const expected = Buffer.from(signature(keys, line), "hex");
  const given = Buffer.from(line.sig, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return {
    count: BigInt(line.count),
    head: line.head,
    keyedFrom: line.keyedFrom === null ? null : BigInt(line.keyedFrom),
    at: new Date(line.at),
    keyId: line.keyId,
  };
}

function readTail(file: string): string | null {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString("utf8");
    return length < size ? text.slice(text.indexOf("\n") + 1) : text; // the first line of a tail is torn
  } finally {
    closeSync(fd);
  }
}
