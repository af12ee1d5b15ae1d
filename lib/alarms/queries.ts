import "server-only";
import type { Db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { getEnvironmentByKey } from "../environments/queries.ts";
import { notFound } from "../errors.ts";
import { parseInput } from "../validation.ts";
import { alarmCondition, asAlarmState } from "./format.ts";
import { alarmRefSchema, listAlarmsSchema, type ListAlarmsInput } from "./schema.ts";
import type { AlarmDetail, AlarmPage, AlarmState, AlarmStateChangeDto, AlarmSummary } from "./types.ts";

// Reads of the alarms the refresh job stored: never CloudWatch, so a page costs a few indexed queries whatever
// the number of viewers. Every function checks that the actor may read stacks in the environment.

export interface AlarmRow {
  name: string; state: string; state_reason: string | null; state_updated_at: Date | null; environment: string; stack: string;
  region: string; logical_id: string; namespace: string | null; metric_name: string | null; statistic: string | null;
  period: number | null; threshold: number | null; comparison_operator: string | null; evaluation_periods: number | null;
}

export const COLUMNS = Prisma.sql`a.name, a.state, a.state_reason, a.state_updated_at, e.key AS environment, s.name AS stack, a.region,
  a.logical_id, a.namespace, a.metric_name, a.statistic, a.period, a.threshold, a.comparison_operator, a.evaluation_periods`;
export const FROM = Prisma.sql`FROM alarms a JOIN stacks s ON s.id = a.stack_id AND s.deleted_at IS NULL JOIN environments e ON e.id = s.environment_id`;
export const ALARM_FIRST = Prisma.sql`CASE a.state WHEN 'ALARM' THEN 0 WHEN 'INSUFFICIENT_DATA' THEN 1 ELSE 2 END`;

export function toSummary(r: AlarmRow): AlarmSummary {
  return {
    name: r.name, state: asAlarmState(r.state), stateReason: r.state_reason, since: r.state_updated_at?.toISOString() ?? null,
    environment: r.environment, stack: r.stack, region: r.region, resource: r.logical_id, namespace: r.namespace, metricName: r.metric_name,
    statistic: r.statistic, period: r.period, threshold: r.threshold, comparisonOperator: r.comparison_operator,
    condition: alarmCondition({ metricName: r.metric_name, statistic: r.statistic, comparisonOperator: r.comparison_operator, threshold: r.threshold, evaluationPeriods: r.evaluation_periods, period: r.period }),
  };
}

/** An environment's alarms, ALARM first, filtered by stack and state, one page at a time. */
export async function listAlarms(db: Db, actor: Actor, raw: ListAlarmsInput): Promise<AlarmPage> {
  const input = parseInput(listAlarmsSchema, raw);
  const environment = await getEnvironmentByKey(db, input.environment);
  assertCan(actor, "stack:read", environment);
  const where = [Prisma.sql`s.environment_id = ${environment.id}::uuid`];
  if (input.stack) where.push(Prisma.sql`s.name = ${input.stack}`);
  const filtered = input.state ? [...where, Prisma.sql`a.state = ${input.state}`] : where;
  const offset = (input.page - 1) * input.limit;
  const [rows, counts, stacks] = await Promise.all([
    db.$queryRaw<AlarmRow[]>`SELECT ${COLUMNS} ${FROM} WHERE ${Prisma.join(filtered, " AND ")}
      ORDER BY ${ALARM_FIRST}, a.state_updated_at DESC NULLS LAST, s.name, a.name LIMIT ${input.limit} OFFSET ${offset}`,
    db.$queryRaw<{ state: string; n: number }[]>`SELECT a.state, count(*)::int AS n ${FROM} WHERE ${Prisma.join(where, " AND ")} GROUP BY a.state`,
    db.$queryRaw<{ name: string }[]>`SELECT DISTINCT s.name ${FROM} WHERE s.environment_id = ${environment.id}::uuid ORDER BY s.name`,
  ]);
  const byState: Record<AlarmState, number> = { ALARM: 0, INSUFFICIENT_DATA: 0, OK: 0 };
  for (const c of counts) byState[asAlarmState(c.state)] += c.n;
  const total = input.state ? byState[input.state] : byState.ALARM + byState.INSUFFICIENT_DATA + byState.OK;
  return {
    items: rows.map(toSummary),
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / input.limit)),
    counts: byState,
    stacks: stacks.map((s) => s.name),
  };
}

export async function stackEnvironment(db: Db, stackName: string) {
  const stack = await db.stack.findUnique({ where: { name: stackName }, select: { id: true, environment: { select: { key: true, requiresApproval: true } } } });
  if (!stack) throw notFound(`Stack ${stackName}`);
  return stack;
}

export async function listStateChanges(db: Db, where: { stackId?: string; alarmId?: string }, take: number): Promise<AlarmStateChangeDto[]> {
  const rows = await db.alarmStateChange.findMany({
    where: { alarm: { ...(where.stackId ? { stackId: where.stackId } : {}), ...(where.alarmId ? { id: where.alarmId } : {}) } },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    take,
    select: { fromState: true, toState: true, reason: true, changedAt: true, alarm: { select: { name: true } } },
  });
  return rows.map((r) => ({ alarm: r.alarm.name, fromState: r.fromState ? asAlarmState(r.fromState) : null, toState: asAlarmState(r.toState), reason: r.reason, at: r.changedAt.toISOString() }));
}

/** One alarm of an environment with its configuration and recorded state changes. */
export async function getAlarm(db: Db, actor: Actor, raw: { environment: string; name: string }): Promise<AlarmDetail> {
  const ref = parseInput(alarmRefSchema, raw);
  const environment = await getEnvironmentByKey(db, ref.environment);
  assertCan(actor, "stack:read", environment);
  const [row] = await db.$queryRaw<(AlarmRow & { id: string })[]>`SELECT a.id::text AS id, ${COLUMNS} ${FROM}
    WHERE s.environment_id = ${environment.id}::uuid AND a.name = ${ref.name} LIMIT 1`;
  if (!row) throw notFound(`Alarm ${ref.name}`);
  const extra = await db.alarm.findUniqueOrThrow({
    where: { id: row.id },
    select: { arn: true, description: true, dimensions: true, evaluationPeriods: true, datapointsToAlarm: true, treatMissingData: true, actionsEnabled: true, refreshedAt: true },
  });
  return {
    ...toSummary(row),
    ...extra,
    dimensions: extra.dimensions as unknown as AlarmDetail["dimensions"],
    refreshedAt: extra.refreshedAt?.toISOString() ?? null,
    changes: await listStateChanges(db, { alarmId: row.id }, 200),
  };
}

/** The stack's alarms now in ALARM (for warnings on previews and approval requests). No actor: callers already checked. */
export async function alarmsInAlarmFor(db: Db, stackName: string): Promise<AlarmSummary[]> {
  const rows = await db.$queryRaw<AlarmRow[]>`SELECT ${COLUMNS} ${FROM} WHERE s.name = ${stackName} AND a.state = 'ALARM' ORDER BY a.state_updated_at, a.name`;
  return rows.map(toSummary);
}
