import type { Db } from "../../db/client.ts";
import { describeStackEvents, type StackEventRecord } from "../../aws/cloudformation.ts";

export const STACK_RESOURCE_TYPE = "AWS::CloudFormation::Stack";

/**
 * The stack events of the current operation not stored yet, oldest first. DescribeStackEvents answers newest
 * first, so we page back only until an event we already have or one from before the operation (see `ours`):
 * a long-lived stack's history is never re-read on each poll.
 */
export async function fetchNewEvents(
  db: Db,
  input: { region: string; stackRef: string; since: Date; clientRequestToken?: string },
): Promise<{ events: StackEventRecord[]; calls: number }> {
  // Our commands send the deployment id as ClientRequestToken and CloudFormation stamps the operation's events
  // with it: those are ours even if stamped before our startedAt (set once ExecuteChangeSet has answered).
  const ours = (e: StackEventRecord) => e.timestamp >= input.since || (!!input.clientRequestToken && e.clientRequestToken === input.clientRequestToken);
  const fresh: StackEventRecord[] = [];
  let nextToken: string | undefined;
  let calls = 0;
  for (;;) {
    const page = await describeStackEvents(input.region, input.stackRef, nextToken);
    calls++;
    const known = await storedEventIds(db, page.events.map((e) => e.eventId));
    let reachedKnown = false;
    for (const event of page.events) {
      // Newest first: everything after a stored event (or the operation's start) is older still.
      if (known.has(event.eventId) || !ours(event)) {
        reachedKnown = true;
        break;
      }
      fresh.push(event);
    }
    if (reachedKnown || !page.nextToken) break;
    nextToken = page.nextToken;
  }
  // A page boundary that moved between two calls can repeat an event; the insert would skip it anyway.
  const unique = new Map(fresh.map((e) => [e.eventId, e]));
  return { events: [...unique.values()].reverse(), calls };
}

async function storedEventIds(db: Db, eventIds: string[]): Promise<Set<string>> {
  if (!eventIds.length) return new Set();
  const rows = await db.stackEvent.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true } });
  return new Set(rows.map((r) => r.eventId));
}

/**
 * Stores events once (event_id is unique: a second poller or a retried slice inserts nothing) in one statement,
 * oldest first so our ids follow CloudFormation's order. Returns how many rows were new.
 */
export async function storeEvents(db: Db, stackId: string, deploymentId: string, events: StackEventRecord[]): Promise<number> {
  if (!events.length) return 0;
  return db.$executeRaw`
    INSERT INTO stack_events (event_id, stack_id, deployment_id, "timestamp", logical_id, physical_id, resource_type, status, reason)
    SELECT e.event_id, ${stackId}::uuid, ${deploymentId}::uuid, e.ts, e.logical_id, e.physical_id, e.resource_type, e.status, e.reason
    FROM unnest(
      ${events.map((e) => e.eventId)}::text[], ${events.map((e) => e.timestamp.toISOString())}::timestamptz[],
      ${events.map((e) => e.logicalId)}::text[], ${events.map((e) => e.physicalId)}::text[],
      ${events.map((e) => e.resourceType)}::text[], ${events.map((e) => e.status)}::text[], ${events.map((e) => e.reason)}::text[]
    ) WITH ORDINALITY AS e(event_id, ts, logical_id, physical_id, resource_type, status, reason, ord)
    ORDER BY e.ord
    ON CONFLICT (event_id) DO NOTHING`;
}

const DONE_STATUS = `(status LIKE '%\\_COMPLETE' OR status LIKE '%\\_FAILED' OR status = 'DELETE_SKIPPED')`;

/**
 * Recomputes progress from the stored events: resources of the change that reached a finished state (any
 * resource other than the stack itself when the change list is empty, e.g. a delete) and the event count.
 * Returns true when either value changed.
 */
export async function refreshProgress(db: Db, deploymentId: string, changedLogicalIds: string[]): Promise<boolean> {
  const updated = await db.$executeRawUnsafe(
    `WITH progress AS (
       SELECT
         (SELECT count(DISTINCT logical_id) FROM stack_events
           WHERE deployment_id = $1::uuid AND resource_type <> '${STACK_RESOURCE_TYPE}' AND ${DONE_STATUS}
             AND (cardinality($2::text[]) = 0 OR logical_id = ANY($2::text[])))::int AS done,
         (SELECT count(*) FROM stack_events WHERE deployment_id = $1::uuid)::int AS events
     )
     UPDATE deployments d
     SET resources_done = CASE WHEN d.resources_total > 0 THEN LEAST(p.done, d.resources_total) ELSE p.done END,
         events_count = p.events, updated_at = now()
     FROM progress p
     WHERE d.id = $1::uuid
       AND (d.resources_done IS DISTINCT FROM (CASE WHEN d.resources_total > 0 THEN LEAST(p.done, d.resources_total) ELSE p.done END)
         OR d.events_count IS DISTINCT FROM p.events)`,
    deploymentId,
    changedLogicalIds,
  );
  return updated > 0;
}

/** The newest stack-level status of this operation (from stored events), or null before the first one. */
export async function latestStackStatus(db: Db, deploymentId: string): Promise<{ status: string; reason: string | null } | null> {
  return db.stackEvent.findFirst({
    where: { deploymentId, resourceType: STACK_RESOURCE_TYPE },
    orderBy: [{ timestamp: "desc" }, { id: "desc" }],
    select: { status: true, reason: true },
  });
}

/** The reason of the operation's first failed resource: what the final sentence says went wrong. */
export async function firstFailureReason(db: Db, deploymentId: string): Promise<string | null> {
  const row = await db.stackEvent.findFirst({
    where: { deploymentId, status: { endsWith: "_FAILED" }, reason: { not: null } },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    select: { reason: true },
  });
  return row?.reason ?? null;
}
