import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { notFound } from "../errors.ts";
import type { AuditFilter } from "./schema.ts";
import { resolveSearch, searchAuditRows, type AuditEntryDto } from "./search.ts";

export { auditFilterSchema, type AuditFilter } from "./schema.ts";
export type { AuditEntryDto } from "./search.ts";
export type AuditEventDto = AuditEntryDto;

export interface AuditPage {
  items: AuditEntryDto[];
  nextCursor: string | null;
}

/** Newest first; pass `nextCursor` back as `before` for the next page. Admins of all environments only. */
export async function listAuditEvents(db: Db, actor: Actor, filter: AuditFilter): Promise<AuditPage> {
  assertCan(actor, "audit:read");
  const { before, limit, ...search } = filter;
  const rows = await searchAuditRows(db, await resolveSearch(db, search), limit + 1, before);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.seq : null };
}

export interface AuditEntryDetail extends AuditEntryDto {
  token: { name: string; prefix: string } | null;
}

/** One entry with everything it says, and the name of the API token it was made with (when there was one). */
export async function getAuditEventBySeq(db: Db, actor: Actor, seq: bigint): Promise<AuditEntryDetail> {
  assertCan(actor, "audit:read");
  const row = await db.auditEvent.findUnique({ where: { seq } });
  if (!row) throw notFound(`Audit entry ${seq}`);
  const token = row.actorTokenId
    ? await db.apiToken.findUnique({ where: { id: row.actorTokenId }, select: { name: true, prefix: true } })
    : null;
  return {
    seq: row.seq.toString(),
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorUserId: row.actorUserId,
    actorTokenId: row.actorTokenId,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    environment: row.environment,
    sourceIp: row.sourceIp,
    userAgent: row.userAgent,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
    token,
  };
}
