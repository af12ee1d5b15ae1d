import { z } from "zod";
import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";

export const auditFilterSchema = z
  .object({
    before: z.coerce.bigint().positive().optional(), // keyset cursor: entries with a smaller sequence number
    limit: z.coerce.number().int().min(1).max(200).default(50),
    action: z.string().trim().max(80).optional(),
    actor: z.string().trim().toLowerCase().max(320).optional(),
    environment: z.string().trim().max(40).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export interface AuditEventDto {
  seq: string;
  occurredAt: string;
  actorType: string;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  environment: string | null;
  sourceIp: string | null;
  details: unknown;
}

export interface AuditPage {
  items: AuditEventDto[];
  nextCursor: string | null;
}

/** Newest first. Keyset pagination on the sequence number keeps every page an index range scan. */
export async function listAuditEvents(db: Db, actor: Actor, filter: AuditFilter): Promise<AuditPage> {
  assertCan(actor, "audit:read");
  const rows = await db.auditEvent.findMany({
    where: {
      ...(filter.before ? { seq: { lt: filter.before } } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.actor ? { actorLabel: filter.actor } : {}),
      ...(filter.environment ? { environment: filter.environment } : {}),
    },
    orderBy: { seq: "desc" },
    take: filter.limit + 1,
    select: {
      seq: true,
      occurredAt: true,
      actorType: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetId: true,
      environment: true,
      sourceIp: true,
      details: true,
    },
  });
  const page = rows.slice(0, filter.limit);
  const items = page.map((row) => ({ ...row, seq: row.seq.toString(), occurredAt: row.occurredAt.toISOString() }));
  return { items, nextCursor: rows.length > filter.limit ? items.at(-1)!.seq : null };
}
