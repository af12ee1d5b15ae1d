import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
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

export type VerifyOutcome = { ok: true; count: number } | { ok: false; count: number; brokenAt: string; reason: string };

/** The console's "Verify integrity": the same walk as `npx stackdeck audit verify`, for admins of all environments. */
export async function verifyAuditIntegrity(db: Db, actor: Actor): Promise<VerifyOutcome> {
  assertCan(actor, "audit:read");
  const result = await verifyAuditChain(db);
  return result.ok ? result : { ...result, brokenAt: result.brokenAt.toString() };
}

/** One sentence for people, shared by the console and the CLI. */
export function describeVerifyOutcome(result: VerifyOutcome | VerifyResult): string {
  if (result.ok) return `audit chain ok: ${result.count} entries`;
  return `audit chain broken at entry ${result.brokenAt}: ${result.reason} (${result.count} entries verified before it)`;
}
