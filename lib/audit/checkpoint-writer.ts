import type { Db } from "../db/client.ts";
import { appendCheckpoint, readLastCheckpoint, type Checkpoint } from "./checkpoints.ts";
import { walkChain, type Finding } from "./chain-walk.ts";
import { holdAgainstCheckpoint } from "./verify.ts";
import type { AuditKeys } from "./key.ts";

const CHECKPOINT_LOCK = 7_250_118_416; // orders appenders across processes, so counts in the file only grow

export interface CheckpointOutcome {
  /** The checkpoint written now, or null (nothing new, or refused). */
  written: Checkpoint | null;
  /** Why no checkpoint was signed: what is wrong with the log since the last one. */
  findings: Finding[];
}

/**
 * Signs the chain's current head, but only after verifying every entry since the last checkpoint: a checkpoint
 * vouches for what it covers, so a log found tampered is never signed (the findings say why).
 */
export async function writeCheckpoint(db: Db, keys: AuditKeys, file: string, now = new Date()): Promise<CheckpointOutcome> {
  const last = readLastCheckpoint(file, keys).checkpoint;
  const until = (await db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
  if (last) {
    const findings = await holdAgainstCheckpoint(db, last, until);
    if (findings.length) return { written: null, findings };
    if (until === last.count) return { written: null, findings: [] };
  }
  if (until === 0n) return { written: null, findings: [] };
  const walk = await walkChain(db, keys, { start: last ? { seq: last.count, hash: last.head } : null, keyedFrom: last?.keyedFrom ?? null, until });
  if (walk.findings.length || !walk.last) return { written: null, findings: walk.findings };
  const written = await appendIfNewer(db, keys, file, { count: walk.last.seq, head: walk.last.hash, keyedFrom: walk.keyedFrom, at: now });
  return { written, findings: [] };
}

/** Appends unless another process signed the same or a longer chain meanwhile. */
export async function appendIfNewer(db: Db, keys: AuditKeys, file: string, checkpoint: Omit<Checkpoint, "keyId">): Promise<Checkpoint | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK}::bigint)`;
    const last = readLastCheckpoint(file, keys).checkpoint;
    if (last && last.count >= checkpoint.count) return null;
    return appendCheckpoint(file, keys, checkpoint);
  });
}
