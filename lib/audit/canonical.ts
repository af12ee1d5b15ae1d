import { createHash, createHmac } from "node:crypto";

/** JSON with object keys sorted at every depth, so the same entry always hashes the same (JSONB reorders keys). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

export const GENESIS_HASH = "0".repeat(64);

/** The fields that are chained: everything an entry says, except its own hash. */
export interface ChainedFields {
  seq: bigint;
  occurredAt: Date;
  actorType: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  environment: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  details: unknown;
}

/** What an entry's hash covers: the previous entry's hash, then every field of the entry in canonical JSON. */
function chainInput(fields: ChainedFields): string {
  return canonicalJson({
    seq: fields.seq.toString(),
    occurredAt: fields.occurredAt.toISOString(),
    actorType: fields.actorType,
    actorUserId: fields.actorUserId,
    actorTokenId: fields.actorTokenId,
    actorLabel: fields.actorLabel,
    action: fields.action,
    targetType: fields.targetType,
    targetId: fields.targetId,
    environment: fields.environment,
    sourceIp: fields.sourceIp,
    userAgent: fields.userAgent,
    details: fields.details ?? {},
  });
}

/**
 * The hash of an entry: HMAC-SHA256 with the chain key (lib/audit/key.ts). Without the key nobody can produce one,
 * so whoever can write the table can still not edit, insert or re-chain entries unseen.
 */
export function entryMac(chainKey: Buffer, prevHash: string, fields: ChainedFields): string {
  return createHmac("sha256", chainKey).update(prevHash).update("\n").update(chainInput(fields)).digest("hex");
}

/**
 * The unkeyed SHA-256 of the first chain, kept so entries written before the key existed still verify. They are
 * only accepted before the first keyed entry, which anchors them (lib/audit/anchor.ts).
 */
export function legacyEntryHash(prevHash: string, fields: ChainedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(chainInput(fields)).digest("hex");
}
