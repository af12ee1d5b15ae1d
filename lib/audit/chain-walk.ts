import type { Db } from "../db/client.ts";
import { GENESIS_HASH, entryMac, legacyEntryHash, type ChainedFields } from "./canonical.ts";
import type { AuditKeys } from "./key.ts";

/** Something wrong with the log, named by what was done to it. */
export type Finding =
  | { kind: "missing"; seq: bigint; through: bigint } // entries seq..through are gone (a gap)
  | { kind: "edited"; seq: bigint } // its content no longer matches its keyed hash
  | { kind: "moved"; seq: bigint; from: bigint } // an authentic entry that now sits at another position
  | { kind: "unkeyed"; seq: bigint } // after the cut-over, an entry re-hashed without the key
  | { kind: "rechained"; seq: bigint } // authentic, but what precedes it was rewritten (the unkeyed first chain)
  | { kind: "truncated"; seq: bigint; through: bigint } // the last checkpoint covered entries up to `through`
  | { kind: "checkpoint_mismatch"; seq: bigint } // entry `seq` is not the one the checkpoint signed
  | { kind: "checkpoint_rejected"; line: string }; // a line of the checkpoint file whose signature fails

export interface WalkOptions {
  /** Continue after this entry (a checkpoint) instead of from the genesis. */
  start?: { seq: bigint; hash: string } | null;
  /** Entries from this one on must be keyed (from a checkpoint; the walk also learns it from the first keyed entry). */
  keyedFrom?: bigint | null;
  /** The newest entry to look at (a snapshot of the head taken before the walk). */
  until: bigint;
  onProgress?: (checked: number, last: bigint) => Promise<void> | void;
  maxFindings?: number;
}

export interface WalkResult {
  count: number;
  last: { seq: bigint; hash: string } | null;
  keyedFrom: bigint | null;
  findings: Finding[];
  /** Findings beyond maxFindings, counted but not listed. */
  omitted: number;
}

type Row = ChainedFields & { prevHash: string; hash: string };

const BATCH = 2_000;
const NEARBY = [1n, -1n, 2n, -2n, 3n, -3n];

/**
 * Walks entries in sequence order in batches (memory stays flat at millions of rows) and names each problem: a gap
 * is a deletion, an entry whose keyed hash fails is an edit, unless it verifies at another position (a move). An
 * entry that verifies but does not link to an authentic predecessor means the unkeyed first chain was rewritten.
 */
export async function walkChain(db: Db, keys: AuditKeys, options: WalkOptions): Promise<WalkResult> {
  const result: WalkResult = { count: 0, last: options.start ?? null, keyedFrom: options.keyedFrom ?? null, findings: [], omitted: 0 };
  const add = (finding: Finding) => (result.findings.length < (options.maxFindings ?? 50) ? result.findings.push(finding) : result.omitted++);
  let prev = options.start ?? { seq: 0n, hash: GENESIS_HASH };
  let prevAuthentic = true;
  for (;;) {
    const rows: Row[] = await db.auditEvent.findMany({
      where: { seq: { gt: prev.seq, lte: options.until } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      const gap = row.seq > prev.seq + 1n;
      if (gap) add({ kind: "missing", seq: prev.seq + 1n, through: row.seq - 1n });
      const keyed = entryMac(keys.chain, row.prevHash, row) === row.hash;
      const legacy = !keyed && legacyEntryHash(row.prevHash, row) === row.hash;
      if (keyed) result.keyedFrom ??= row.seq;
      let authentic = keyed || legacy;
      if (legacy && result.keyedFrom !== null && row.seq >= result.keyedFrom) {
        add({ kind: "unkeyed", seq: row.seq });
        authentic = false;
      }
      if (!keyed && !legacy) {
        const from = await originalPosition(db, keys, row);
        add(from === null ? { kind: "edited", seq: row.seq } : { kind: "moved", seq: row.seq, from });
      }
      if (authentic && prevAuthentic && !gap && row.prevHash !== prev.hash) add({ kind: "rechained", seq: row.seq });
      prev = { seq: row.seq, hash: row.hash };
      prevAuthentic = authentic;
      result.last = prev;
      result.count++;
    }
    await options.onProgress?.(result.count, prev.seq);
    if (rows.length < BATCH) return result;
  }
}

/**
 * Where an entry that fails at its own position was written: its sequence number is part of the keyed hash, so
 * the entry verifies only at its original one. Candidates: just after its predecessor (found by the hash it links
 * to) and a few positions around. Null: it verifies nowhere, so its content was changed.
 */
async function originalPosition(db: Db, keys: AuditKeys, row: Row): Promise<bigint | null> {
  const predecessor = await db.auditEvent.findUnique({ where: { hash: row.prevHash }, select: { seq: true } });
  const candidates = [...(predecessor ? [predecessor.seq + 1n] : []), ...NEARBY.map((d) => row.seq + d)];
  for (const seq of candidates) {
    if (seq > 0n && seq !== row.seq && entryMac(keys.chain, row.prevHash, { ...row, seq }) === row.hash) return seq;
  }
  return null;
}
