import type { Db } from "../db/client.ts";
import { auditKeys, type AuditKeys } from "./key.ts";
import { checkpointFile, readLastCheckpoint, type Checkpoint } from "./checkpoints.ts";
import { walkChain, type Finding } from "./chain-walk.ts";

export interface VerifyReport {
  ok: boolean;
  /** Entries examined. */
  count: number;
  head: { seq: bigint; hash: string } | null;
  keyedFrom: bigint | null;
  /** The checkpoint the log was held against (null: no checkpoint file, or nothing signed yet). */
  checkpoint: Checkpoint | null;
  findings: Finding[];
  omitted: number;
}

export interface VerifyOptions {
  keys?: AuditKeys;
  /** AUDIT_CHECKPOINT_FILE unless given; null verifies the chain alone. */
  checkpointFile?: string | null;
  onProgress?: (checked: number, total: bigint) => Promise<void> | void;
}

/**
 * The whole check, shared by `npx stackdeck audit verify`, the verify job and the e2e teardown: walk the keyed
 * chain (edits, deletions, moves, entries re-hashed without the key), then hold it against the last signed
 * checkpoint, which catches what the chain alone cannot: a tail cut off, or cut off and written anew.
 */
export async function verifyAuditLog(db: Db, options: VerifyOptions = {}): Promise<VerifyReport> {
  const keys = options.keys ?? auditKeys();
  const file = options.checkpointFile === undefined ? checkpointFile() : options.checkpointFile;
  const read = file ? readLastCheckpoint(file, keys) : { checkpoint: null, rejected: [] };
  const checkpoint = read.checkpoint;
  const until = (await db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
  const walk = await walkChain(db, keys, {
    keyedFrom: checkpoint?.keyedFrom ?? null,
    until,
    onProgress: (checked, last) => options.onProgress?.(checked, until > last ? until : last),
  });
  const findings: Finding[] = [...read.rejected.map((line): Finding => ({ kind: "checkpoint_rejected", line })), ...walk.findings];
  if (checkpoint) findings.push(...(await holdAgainstCheckpoint(db, checkpoint, walk.last?.seq ?? 0n)));
  return { ok: findings.length === 0 && walk.omitted === 0, count: walk.count, head: walk.last, keyedFrom: walk.keyedFrom, checkpoint, findings, omitted: walk.omitted };
}

/** The chain must reach the checkpoint, and the entry it signed must still be the one there. */
export async function holdAgainstCheckpoint(db: Db, checkpoint: Checkpoint, lastSeq: bigint): Promise<Finding[]> {
  if (lastSeq < checkpoint.count) return [{ kind: "truncated", seq: lastSeq + 1n, through: checkpoint.count }];
  const entry = await db.auditEvent.findUnique({ where: { seq: checkpoint.count }, select: { hash: true } });
  return entry?.hash === checkpoint.head ? [] : [{ kind: "checkpoint_mismatch", seq: checkpoint.count }];
}

/** One sentence per finding, for people (the CLI, the Audit page, logs). */
export function describeFinding(finding: Finding): string {
  switch (finding.kind) {
    case "missing":
      return finding.seq === finding.through ? `entry ${finding.seq} was deleted` : `entries ${finding.seq}-${finding.through} were deleted`;
    case "edited":
      return `entry ${finding.seq} was edited: its content does not match its keyed hash`;
    case "moved":
      return `entry ${finding.seq} was moved: it was written as entry ${finding.from} (entries were reordered)`;
    case "unkeyed":
      return `entry ${finding.seq} was re-hashed without the key after the chain was keyed (rewritten)`;
    case "rechained":
      return `the entries before ${finding.seq} were rewritten: it no longer links to its predecessor`;
    case "truncated":
      return `the tail was cut off: the last checkpoint covered entries up to ${finding.through}, the log ends at ${finding.seq - 1n}`;
    case "checkpoint_mismatch":
      return `entry ${finding.seq} is not the one the last checkpoint signed (the tail was cut off and written anew)`;
    case "checkpoint_rejected":
      return `a checkpoint line does not verify with this key (edited, forged, or signed with another key): ${finding.line}`;
  }
}

export function describeReport(report: VerifyReport): string[] {
  const against = report.checkpoint
    ? `, held against the checkpoint of ${report.checkpoint.at.toISOString()} (${report.checkpoint.count} entries)`
    : ", no checkpoint to hold it against";
  if (report.ok) return [`audit log ok: ${report.count} entries verified${against}`];
  const more = report.omitted ? [`…and ${report.omitted} more findings`] : [];
  return [`audit log TAMPERED: ${report.findings.length + report.omitted} finding(s) in ${report.count} entries${against}`, ...report.findings.map(describeFinding), ...more];
}
