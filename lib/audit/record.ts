import type { Tx } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { GENESIS_HASH, entryMac, type ChainedFields } from "./canonical.ts";
import { auditKeys } from "./key.ts";
import { enqueueNotifications } from "../notifications/outbox.ts";

// Entries are written inside the transaction of the change they record. A transaction-scoped advisory lock
// serialises writers so sequence numbers have no gaps and each entry chains to the one before it.
const CHAIN_LOCK = 7_250_118_413;

export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

/** Who did it: a user (with their token when acting through the API), nobody yet (a failed sign-in), or the system. */
export type AuditActor = Actor | { anonymous: string } | "system";

export interface AuditInput {
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string };
  environment?: string | null;
  meta?: RequestMeta;
  details?: Record<string, unknown>;
}

const SECRET_KEY = /pass(word)?|secret|token(?!Id|Name|Prefix)|authorization|cookie|credential/i;

/** Details are for people reading the log; anything that looks like a secret is dropped before it is stored. */
export function redactSecrets(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (SECRET_KEY.test(key)) continue;
    out[key] =
      value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)
        ? redactSecrets(value as Record<string, unknown>)
        : value;
  }
  return out;
}

function actorFields(actor: AuditActor) {
  if (actor === "system") return { actorType: "system", actorUserId: null, actorTokenId: null, actorLabel: "system" };
  if ("anonymous" in actor) {
    return { actorType: "anonymous", actorUserId: null, actorTokenId: null, actorLabel: actor.anonymous.slice(0, 320) };
  }
  return {
    actorType: actor.tokenId ? "token" : "user",
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId ?? null,
    actorLabel: actor.email,
  };
}

/** Serialises writers of the chain until the transaction ends (taking it twice in one transaction is fine). */
export async function lockAuditChain(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK}::bigint)`;
}

export async function recordAudit(tx: Tx, input: AuditInput): Promise<{ seq: bigint; hash: string }> {
  const { chain } = auditKeys(); // before the lock: without a key nothing may be written, and nothing waits for it
  await lockAuditChain(tx);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true, occurredAt: true } });
  // Time never goes backwards along the chain (two servers' clocks may disagree by a little): the search turns a
  // time range into a sequence range, which is only exact when sequence order is also time order.
  const now = new Date();
  const occurredAt = last && last.occurredAt > now ? last.occurredAt : now;
  const fields: ChainedFields = {
    seq: (last?.seq ?? 0n) + 1n,
    occurredAt,
    ...actorFields(input.actor),
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id.slice(0, 255) ?? null,
    environment: input.environment ?? null,
    sourceIp: input.meta?.ip?.slice(0, 64) ?? null,
    userAgent: input.meta?.userAgent?.slice(0, 512) ?? null,
    details: redactSecrets(input.details ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryMac(chain, prevHash, fields);
  await tx.auditEvent.create({
    data: { ...fields, details: fields.details as object, prevHash, hash },
    select: { seq: true },
  });
  // Issue 16: the notifications this entry triggers, in its transaction (the outbox; lib/notifications).
  await enqueueNotifications(tx, {
    seq: fields.seq, occurredAt, action: fields.action, environment: fields.environment, actorLabel: fields.actorLabel ?? "system",
    target: input.target ? { type: input.target.type, id: fields.targetId! } : null, details: fields.details as Record<string, unknown>,
  });
  return { seq: fields.seq, hash };
}
