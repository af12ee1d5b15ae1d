import { createHmac } from "node:crypto";

// The audit chain is keyed with AUDIT_HMAC_KEY, a secret that lives outside the database (an environment variable;
// .data/audit-hmac-key for npm run dev). Whoever can only write the database cannot compute a valid entry, so an
// edit, an insertion or a rewritten tail shows. Two keys are derived from it, one per purpose, so a checkpoint
// signature can never be passed off as an entry hash.

export const MIN_KEY_LENGTH = 32;

export interface AuditKeys {
  chain: Buffer;
  checkpoint: Buffer;
  /** A fingerprint that names the key in checkpoints and on the Audit page without revealing it. */
  id: string;
}

let cached: { raw: string; keys: AuditKeys } | undefined;

export function auditKeys(env: NodeJS.ProcessEnv = process.env): AuditKeys {
  const raw = env.AUDIT_HMAC_KEY;
  if (!raw) throw new Error("AUDIT_HMAC_KEY is not set: audit entries cannot be written or verified (README, Security)");
  if (raw.length < MIN_KEY_LENGTH) throw new Error(`AUDIT_HMAC_KEY must be at least ${MIN_KEY_LENGTH} characters`);
  if (cached?.raw !== raw) cached = { raw, keys: deriveKeys(raw) };
  return cached.keys;
}

export function deriveKeys(raw: string): AuditKeys {
  const derive = (purpose: string) => createHmac("sha256", raw).update(purpose).digest();
  return {
    chain: derive("stackdeck audit chain v1"),
    checkpoint: derive("stackdeck audit checkpoint v1"),
    id: derive("stackdeck audit key id").toString("hex").slice(0, 12),
  };
}
