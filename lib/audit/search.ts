import type { Db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import type { AuditSearch } from "./schema.ts";

/** One entry as the console, the API and exports show it: plain strings, nothing Prisma- or BigInt-typed. */
export interface AuditEntryDto {
  seq: string;
  occurredAt: string;
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
  prevHash: string;
  hash: string;
}

interface Row {
  seq: bigint;
  occurred_at: Date;
  actor_type: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  environment: string | null;
  source_ip: string | null;
  user_agent: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

/** `deployment.` or `deployment.*` is a prefix; anything else must match exactly. */
export function actionMatch(action: string): { prefix: string } | { exact: string } {
  if (action.endsWith("*")) return { prefix: action.slice(0, -1) };
  if (action.endsWith(".")) return { prefix: action };
  return { exact: action };
}

/** A search whose action prefix is spelled out as the actions it covers. */
export type ResolvedSearch = Omit<AuditSearch, "action"> & { actions?: string[] };

/**
 * LIKE 'x%' cannot use a B-tree under a non-"C" collation, so a prefix is turned into the few distinct actions it
 * covers: a loose index scan of (action, seq) that visits each distinct action once (dozens, not millions of rows).
 */
export async function resolveSearch(db: Db, search: AuditSearch): Promise<ResolvedSearch> {
  const { action, ...rest } = search;
  if (!action) return rest;
  const match = actionMatch(action);
  if ("exact" in match) return { ...rest, actions: [match.exact] };
  const rows = await db.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE distinct_actions(action) AS (
      (SELECT action FROM audit_events ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT e.action FROM audit_events e WHERE e.action > d.action ORDER BY e.action LIMIT 1)
      FROM distinct_actions d WHERE d.action IS NOT NULL
    )
    SELECT action FROM distinct_actions WHERE action IS NOT NULL`;
  return { ...rest, actions: rows.map((r) => r.action).filter((a) => a.startsWith(match.prefix)) };
}

function conditions(search: ResolvedSearch, before?: bigint): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (before !== undefined) where.push(Prisma.sql`seq < ${before}`);
  if (search.actor) where.push(Prisma.sql`actor_label = ${search.actor}`);
  if (search.actions) {
    const [only, ...more] = search.actions;
    if (only === undefined) where.push(Prisma.sql`FALSE`);
    else where.push(more.length ? Prisma.sql`action = ANY(${search.actions}::text[])` : Prisma.sql`action = ${only}`);
  }
  if (search.environment) where.push(Prisma.sql`environment = ${search.environment}`);
  if (search.stack) {
    // Deployments name the stack as their target; other entries (approvals) may name it in their details.
    where.push(Prisma.sql`((target_type = 'stack' AND target_id = ${search.stack}) OR details->>'stack' = ${search.stack})`);
  }
  // occurred_at never decreases along seq (recordAudit), so a time range is a seq range: two probes of the
  // occurred_at index find its ends, and every other filter stays a range scan of its (column, seq) index.
  if (search.from) {
    where.push(Prisma.sql`occurred_at >= ${search.from}`);
    where.push(Prisma.sql`seq >= (SELECT min(seq) FROM audit_events WHERE occurred_at =
      (SELECT min(occurred_at) FROM audit_events WHERE occurred_at >= ${search.from}))`);
  }
  if (search.to) {
    where.push(Prisma.sql`occurred_at < ${search.to}`);
    where.push(Prisma.sql`seq <= (SELECT max(seq) FROM audit_events WHERE occurred_at =
      (SELECT max(occurred_at) FROM audit_events WHERE occurred_at < ${search.to}))`);
  }
  return where;
}

/**
 * Newest first, `limit` entries older than `before`. Keyset on the sequence number: every page is an index scan
 * that stops after `limit` matches, however deep the page (no OFFSET). Authorization is the caller's.
 */
export async function searchAuditRows(db: Db, search: ResolvedSearch, limit: number, before?: bigint): Promise<AuditEntryDto[]> {
  const rows = await db.$queryRaw<Row[]>(auditSearchSql(search, limit, before));
  return rows.map(toDto);
}

/** The statement itself, so the benchmark can EXPLAIN exactly what the page runs. */
export function auditSearchSql(search: ResolvedSearch, limit: number, before?: bigint): Prisma.Sql {
  const where = conditions(search, before);
  const clause = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  // A stack's history is small next to the log, but the planner cannot tell a rare or unknown stack from a busy one
  // and would walk the whole primary key looking for it. `seq + 0` takes that plan away: the stack's own entries
  // are read through its indexes and sorted, a cost bounded by that stack's history instead of the table's size.
  const order = search.stack ? Prisma.sql`seq + 0` : Prisma.sql`seq`;
  return Prisma.sql`
    SELECT seq, occurred_at, actor_type, actor_user_id::text, actor_token_id::text, actor_label, action, target_type,
           target_id, environment, source_ip, user_agent, details, prev_hash, hash
    FROM audit_events ${clause}
    ORDER BY ${order} DESC
    LIMIT ${limit}`;
}

export function toDto(r: Row): AuditEntryDto {
  return {
    seq: r.seq.toString(),
    occurredAt: r.occurred_at.toISOString(),
    actorType: r.actor_type,
    actorUserId: r.actor_user_id,
    actorTokenId: r.actor_token_id,
    actorLabel: r.actor_label,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    environment: r.environment,
    sourceIp: r.source_ip,
    userAgent: r.user_agent,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
