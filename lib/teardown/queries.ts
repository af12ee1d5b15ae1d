import type { Db } from "../db/client.ts";
import { notFound } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { getEnvironmentByKey } from "../environments/queries.ts";
import { parseDays, relevantWindow, windowHours } from "./windows.ts";
import { stackFacts } from "../deployments/stack-summaries.ts";
import type { TeardownProjection, TeardownRunDto, TeardownSavings, TeardownScheduleDto } from "./types.ts";

const LIST_LIMIT = 100;

const scheduleSelect = {
  id: true, stackName: true, kind: true, expiresAt: true, days: true, startMinute: true, endMinute: true, timeZone: true, recreate: true,
  warnMinutes: true, createdAt: true, cancelledAt: true, createdById: true,
  environment: { select: { key: true } },
  runs: {
    orderBy: { windowStart: "desc" as const }, take: 1,
    select: {
      id: true, status: true, windowStart: true, windowEnd: true,
      items: { orderBy: { stackName: "asc" as const }, select: { stackName: true, state: true, reason: true, retained: true, deletedAt: true, recreatedAt: true } },
    },
  },
} as const;

type Row = Awaited<ReturnType<typeof loadRows>>[number];
const loadRows = (db: Db, where: object, take = LIST_LIMIT) =>
  db.teardownSchedule.findMany({ where, orderBy: { createdAt: "desc" }, take, select: scheduleSelect });

const hhmm = (m: number | null) => (m === null ? null : `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);

function toDto(row: Row, creators: Map<string, string>, now: Date): TeardownScheduleDto {
  const days = parseDays(row.days);
  const next = relevantWindow({ ...row, days, kind: row.kind as "ttl" | "window" }, now);
  const run = row.runs[0];
  const lastRun: TeardownRunDto | null = run ? {
    id: run.id, status: run.status, windowStart: run.windowStart.toISOString(), windowEnd: run.windowEnd?.toISOString() ?? null,
    items: run.items.map((i) => ({ ...i, retained: i.retained as string[], deletedAt: i.deletedAt?.toISOString() ?? null, recreatedAt: i.recreatedAt?.toISOString() ?? null })),
  } : null;
  return {
    id: row.id, environment: row.environment.key, stackName: row.stackName, kind: row.kind as "ttl" | "window",
    expiresAt: row.expiresAt?.toISOString() ?? null, days, start: hhmm(row.startMinute), end: hhmm(row.endMinute),
    timeZone: row.timeZone, recreate: row.recreate, warnMinutes: row.warnMinutes,
    createdBy: creators.get(row.createdById) ?? "unknown", createdAt: row.createdAt.toISOString(),
    next: next && !row.cancelledAt ? { start: next.start.toISOString(), end: next.end?.toISOString() ?? null } : null,
    lastRun,
  };
}

async function withCreators(db: Db, rows: Row[], now: Date): Promise<TeardownScheduleDto[]> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } }, select: { id: true, email: true } });
  const creators = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => toDto(r, creators, now));
}

/** GET /api/v1/teardown-schedules?environment=: the environment's active schedules (newest first), optionally one stack's. */
export async function listTeardownSchedules(db: Db, actor: Actor, input: { environment: string; stackName?: string }, now = new Date()): Promise<{ items: TeardownScheduleDto[] }> {
  const environment = await getEnvironmentByKey(db, input.environment);
  assertCan(actor, "stack:read", environment);
  const rows = await loadRows(db, { environmentId: environment.id, cancelledAt: null, ...(input.stackName ? { OR: [{ stackName: input.stackName }, { stackName: null }] } : {}) });
  return { items: await withCreators(db, rows, now) };
}

export async function getTeardownSchedule(db: Db, id: string, now = new Date()): Promise<TeardownScheduleDto> {
  const rows = await loadRows(db, { id }, 1);
  if (!rows[0]) throw notFound("Teardown schedule");
  return (await withCreators(db, rows, now))[0]!;
}

/** Money saved by teardowns in an environment: each stack's hours down (until recreated, or now) × its hourly cost. */
export async function teardownSavings(db: Db, actor: Actor, environmentKey: string, now = new Date()): Promise<TeardownSavings> {
  const environment = await getEnvironmentByKey(db, environmentKey);
  assertCan(actor, "stack:read", environment);
  const [row] = await db.$queryRaw<{ hours: number | null; saved: number | null; stacks: number }[]>`
    SELECT sum(h.hours)::float8 AS hours, sum(h.hours * h.hourly_cost)::float8 AS saved, count(DISTINCT h.stack_name)::int AS stacks
    FROM (
      SELECT i.stack_name, i.hourly_cost,
        greatest(0, extract(epoch FROM (coalesce(i.recreated_at, ${now}) - i.deleted_at)) / 3600) AS hours
      FROM teardown_items i
      JOIN teardown_runs r ON r.id = i.run_id
      JOIN teardown_schedules s ON s.id = r.schedule_id
      WHERE s.environment_id = ${environment.id}::uuid AND i.deleted_at IS NOT NULL
    ) h`;
  return { hours: row?.hours ?? 0, saved: row?.saved ?? 0, stacks: row?.stacks ?? 0 };
}

/**
 * What the active weekly windows will save: per schedule, its hours a week × the hourly cost (monthly estimate / 730)
 * of the stacks it covers now. Overlapping schedules are each counted (the page says so).
 */
export async function projectedTeardownSavings(db: Db, actor: Actor, environmentKey: string, now = new Date()): Promise<TeardownProjection> {
  const environment = await getEnvironmentByKey(db, environmentKey);
  assertCan(actor, "stack:read", environment);
  const [schedules, stacks] = await Promise.all([
    db.teardownSchedule.findMany({ where: { environmentId: environment.id, cancelledAt: null, kind: "window" }, select: { stackName: true, days: true, startMinute: true, endMinute: true, timeZone: true, expiresAt: true } }),
    db.stack.findMany({ where: { environmentId: environment.id, deletedAt: null, status: { not: null } }, select: { id: true, name: true } }),
  ]);
  const facts = await stackFacts(db, stacks.map((s) => s.id));
  const hourly = (name: string | null) => stacks.filter((s) => name === null || s.name === name).reduce((sum, s) => sum + (facts.get(s.id)?.monthlyEstimate ?? 0) / 730, 0);
  let hoursPerWeek = 0;
  let perWeek = 0;
  for (const s of schedules) {
    const days = parseDays(s.days);
    const window = relevantWindow({ kind: "window", expiresAt: null, days, startMinute: s.startMinute, endMinute: s.endMinute, timeZone: s.timeZone }, now);
    const hours = window ? windowHours(window) * days.length : 0;
    hoursPerWeek += hours;
    perWeek += hours * hourly(s.stackName);
  }
  return { schedules: schedules.length, hoursPerWeek, perWeek };
}
