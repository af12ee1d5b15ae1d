import type { Db } from "../../db/client.ts";
import { STACK_RESOURCE_TYPE } from "./events.ts";

// When to ask CloudFormation again about one deployment. Events are bursty and mostly predictable: a resource
// that went IN_PROGRESS completes after about as long as the resources of its type before it took in this same
// operation. So the tracker sleeps until just after the next expected event, polls quickly while one is overdue,
// keeps the plain interval while something unpredictable is in progress, and slows down when nothing moves.
// Fewer calls than a fixed 1 s poll, and events seen within a fraction of a second of their timestamp.

export interface CadenceTiming {
  /** The plain interval (today's fixed poll): used whenever nothing better is known. */
  pollIntervalMs: number;
  /** The quickest poll: right after a change starts and while an expected event is overdue. */
  fastPollMs: number;
  /** The slowest poll, after a long time without any event. */
  idlePollMs: number;
}

export interface CadenceFacts {
  startedAt: number;
  lastEventAt: number | null;
  /** Resources in progress now: their type and when their current IN_PROGRESS began (epoch ms). */
  inProgress: { type: string; since: number }[];
  /** How long resources of each type took from IN_PROGRESS to done, in this operation (ms). */
  durations: Record<string, number>;
}

/** The first events follow ExecuteChangeSet within moments: poll quickly this long after the start. */
const START_WINDOW_MS = 3_000;
/** Wake this long after an expected event: events become visible just after their timestamp. */
const AFTER_EXPECTED_MS = 100;
/** Nothing happened for this long: every further such spell doubles the interval (up to idlePollMs). */
const QUIET_STEP_MS = 30_000;

export function planDelay(facts: CadenceFacts, timing: CadenceTiming, now: number): number {
  const fast = Math.min(timing.fastPollMs, timing.pollIntervalMs);
  const clamp = (ms: number) => Math.min(Math.max(Math.round(ms), fast), timing.idlePollMs);
  if (facts.lastEventAt === null && now - facts.startedAt < START_WINDOW_MS) return fast;
  const expected = facts.inProgress.map((r) => (facts.durations[r.type] !== undefined ? { at: r.since + facts.durations[r.type]!, took: facts.durations[r.type]! } : null));
  const unpredictable = expected.some((e) => e === null);
  const known = expected.filter((e): e is { at: number; took: number } => e !== null).sort((a, b) => a.at - b.at);
  const next = known[0];
  if (next && next.at + AFTER_EXPECTED_MS > now) {
    const until = next.at + AFTER_EXPECTED_MS - now;
    return clamp(unpredictable ? Math.min(until, timing.pollIntervalMs) : until);
  }
  // Overdue (durations vary): quick polls for a while, then the plain interval.
  if (next && now - next.at < Math.max(1_000, next.took / 2)) return fast;
  if (facts.inProgress.length) return clamp(timing.pollIntervalMs);
  const quiet = now - (facts.lastEventAt ?? facts.startedAt);
  return clamp(timing.pollIntervalMs * 2 ** Math.floor(quiet / QUIET_STEP_MS));
}

interface FactsRow {
  started_at: Date;
  last_event_at: Date | null;
  resources: { type: string; status: string; since: string | null; took_ms: number | null }[] | null;
}

/** What planDelay needs, from the events stored for the deployment (one query on stack_events(deployment_id, id)). */
export async function cadenceFacts(db: Db, deploymentId: string): Promise<CadenceFacts | null> {
  const [row] = await db.$queryRaw<FactsRow[]>`
    WITH ev AS (
      SELECT id, logical_id, resource_type, status, "timestamp" FROM stack_events
      WHERE deployment_id = ${deploymentId}::uuid AND resource_type <> ${STACK_RESOURCE_TYPE}
    ), per_resource AS (
      SELECT DISTINCT ON (logical_id) logical_id, resource_type AS type, status,
        (SELECT min(e2."timestamp") FROM ev e2 WHERE e2.logical_id = ev.logical_id AND e2.status LIKE '%\\_IN\\_PROGRESS'
           AND e2.id > coalesce((SELECT max(e3.id) FROM ev e3 WHERE e3.logical_id = ev.logical_id AND e3.status NOT LIKE '%\\_IN\\_PROGRESS'), 0)) AS since,
        (SELECT extract(epoch FROM max(e2."timestamp") FILTER (WHERE e2.status NOT LIKE '%\\_IN\\_PROGRESS')
                                 - min(e2."timestamp") FILTER (WHERE e2.status LIKE '%\\_IN\\_PROGRESS')) * 1000
           FROM ev e2 WHERE e2.logical_id = ev.logical_id) AS took_ms
      FROM ev ORDER BY logical_id, id DESC
    )
    SELECT coalesce(d.started_at, d.created_at) AS started_at,
      (SELECT max("timestamp") FROM stack_events WHERE deployment_id = d.id) AS last_event_at,
      (SELECT json_agg(json_build_object('type', type, 'status', status, 'since', since, 'took_ms', took_ms)) FROM per_resource) AS resources
    FROM deployments d WHERE d.id = ${deploymentId}::uuid`;
  if (!row) return null;
  const resources = row.resources ?? [];
  const totals = new Map<string, number[]>();
  for (const r of resources) {
    if (!r.status.endsWith("_IN_PROGRESS") && r.took_ms !== null && r.took_ms >= 0) totals.set(r.type, [...(totals.get(r.type) ?? []), r.took_ms]);
  }
  return {
    startedAt: row.started_at.getTime(),
    lastEventAt: row.last_event_at?.getTime() ?? null,
    inProgress: resources.filter((r) => r.status.endsWith("_IN_PROGRESS") && r.since).map((r) => ({ type: r.type, since: Date.parse(r.since!) })),
    durations: Object.fromEntries([...totals].map(([type, list]) => [type, list.reduce((a, b) => a + b, 0) / list.length])),
  };
}
