import type { Db } from "../db/client.ts";
import { entryMac } from "./canonical.ts";
import { lockAuditChain, recordAudit } from "./record.ts";
import { auditKeys, type AuditKeys } from "./key.ts";
import { checkpointFile, readLastCheckpoint } from "./checkpoints.ts";

export type AnchorOutcome = "empty" | "keyed" | "anchored" | "refused";

/**
 * The cut-over from the first, unkeyed chain: when the newest entry is not keyed, append `audit.chain_keyed`, whose
 * keyed hash covers the old head. From then on rewriting any earlier entry breaks a hash only the key can make,
 * while the old entries keep verifying with their SHA-256 chain. Refused when a checkpoint shows the chain was
 * keyed already: an unkeyed tail then means someone rewrote it, and anchoring would bless that.
 */
export async function anchorLegacyChain(db: Db, options: { keys?: AuditKeys; checkpointFile?: string | null } = {}): Promise<AnchorOutcome> {
  const keys = options.keys ?? auditKeys();
  const file = options.checkpointFile === undefined ? checkpointFile() : options.checkpointFile;
  const checkpoint = file ? readLastCheckpoint(file, keys).checkpoint : null;
  return db.$transaction(async (tx) => {
    await lockAuditChain(tx);
    const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" } });
    if (!last) return "empty";
    if (entryMac(keys.chain, last.prevHash, last) === last.hash) return "keyed";
    if (checkpoint?.keyedFrom != null) return "refused";
    await recordAudit(tx, {
      actor: "system",
      action: "audit.chain_keyed",
      details: { legacyEntries: last.seq.toString(), legacyHead: last.hash, keyId: keys.id },
    });
    return "anchored";
  });
}
