import "server-only";
import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { asAlarmState } from "./format.ts";
import { ALARM_FIRST, COLUMNS, FROM, listStateChanges, stackEnvironment, toSummary, type AlarmRow } from "./queries.ts";
import type { StackAlarms } from "./types.ts";

// A stack's alarms for the stack page and GET /api/v1/stacks/{name}/alarms: each with its state, its latest state
// changes (newest first, every transition the refresh saw in DescribeAlarmHistory) and its recent metric points,
// plus the stack's alarm timeline. Stored data only: one LATERAL lookup per alarm on its (alarm_id, changed_at) index.

const PER_ALARM = 20;

interface Row extends AlarmRow {
  id: string;
  recent_points: { t: number; v: number }[];
  points_refreshed_at: Date | null;
  refreshed_at: Date | null;
}

export async function listStackAlarms(db: Db, actor: Actor, stackName: string, options: { changes?: number; perAlarm?: number } = {}): Promise<StackAlarms> {
  const stack = await stackEnvironment(db, stackName);
  assertCan(actor, "stack:read", stack.environment);
  const rows = await db.$queryRaw<Row[]>`SELECT a.id::text AS id, a.recent_points, a.points_refreshed_at, a.refreshed_at, ${COLUMNS} ${FROM}
    WHERE s.id = ${stack.id}::uuid ORDER BY ${ALARM_FIRST}, a.name`;
  const regions = [...new Set(rows.map((r) => r.region))];
  const [transitions, changes, marks] = await Promise.all([
    db.$queryRaw<{ alarm_id: string; from_state: string | null; to_state: string; reason: string | null; changed_at: Date }[]>`
      SELECT a.id::text AS alarm_id, c.from_state, c.to_state, c.reason, c.changed_at
      FROM unnest(${rows.map((r) => r.id)}::uuid[]) AS a(id)
      CROSS JOIN LATERAL (SELECT from_state, to_state, reason, changed_at FROM alarm_state_changes
        WHERE alarm_id = a.id ORDER BY changed_at DESC, id DESC LIMIT ${options.perAlarm ?? PER_ALARM}) c
      ORDER BY c.changed_at DESC`,
    listStateChanges(db, { stackId: stack.id }, options.changes ?? 20),
    db.alarmHistoryMark.findMany({ where: { key: { in: regions.map((r) => `${stack.environment.key}|${r}`) } }, select: { updatedAt: true } }),
  ]);
  // States are as fresh as the last history read (every refresh) or the last full read, whichever came later.
  const fullRead = rows.map((r) => r.refreshed_at?.getTime() ?? 0);
  const historyRead = marks.map((m) => m.updatedAt.getTime());
  const statesAt = rows.length && Math.min(...fullRead) > 0 ? Math.max(Math.min(...fullRead), Math.min(...(historyRead.length ? historyRead : [0]))) : 0;
  return {
    items: rows.map((r) => ({
      ...toSummary(r),
      stateChanges: transitions.filter((t) => t.alarm_id === r.id).map((t) => ({
        fromState: t.from_state ? asAlarmState(t.from_state) : null, toState: asAlarmState(t.to_state), at: t.changed_at.toISOString(), reason: t.reason,
      })),
      recentPoints: r.recent_points,
      refreshedAt: r.refreshed_at?.toISOString() ?? null,
      pointsRefreshedAt: r.points_refreshed_at?.toISOString() ?? null,
    })),
    changes,
    statesReadAt: statesAt ? new Date(statesAt).toISOString() : null,
  };
}
