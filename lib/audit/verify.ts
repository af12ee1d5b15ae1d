import type { Db } from "../db/client.ts";
import { GENESIS_HASH, entryHash } from "./canonical.ts";

export type VerifyResult =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAt: bigint; reason: string };

const BATCH = 2_000;

/**
 * Walks the chain in sequence order, in batches so memory stays flat at millions of rows. Any edited, inserted,
 * reordered or removed entry breaks it: a sequence gap, a previous-hash mismatch or a recomputed-hash mismatch.
 */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let count = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      const broken = (reason: string): VerifyResult => ({ ok: false, count, brokenAt: row.seq, reason });
      if (row.seq !== expectedSeq) {
        return { ok: false, count, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing` };
      }
      if (row.prevHash !== prevHash) return broken("its previous hash does not match the entry before it");
      if (entryHash(prevHash, row) !== row.hash) return broken("its content does not match its hash");
      prevHash = row.hash;
      expectedSeq += 1n;
      count += 1;
    }
    if (rows.length < BATCH) return { ok: true, count };
  }
}
