import type { Tx } from "../db/client.ts";
import { recordAudit } from "../audit/record.ts";

// The one writer of alarm_state_changes (history reads and full reads both come here). A change into ALARM, and
// one from ALARM back to OK, is also an audit entry (alarm.alarm / alarm.ok) in the same transaction, which is what
// notifications subscribe to; a change recorded twice (history overlap) is skipped, so it is announced once.

export interface AlarmStateChangeInput {
  alarmId: string;
  alarmName: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  changedAt: Date;
}

export function auditActionOfChange(fromState: string | null, toState: string): string | null {
  if (fromState === null) return null; // the first sighting: the alarm's timeline starts, nothing happened
  if (toState === "ALARM" && fromState !== "ALARM") return "alarm.alarm";
  if (toState === "OK" && fromState === "ALARM") return "alarm.ok";
  return null;
}

/** Records the changes not recorded yet; returns how many were new. */
export async function recordAlarmStateChanges(tx: Tx, environmentKey: string, changes: AlarmStateChangeInput[]): Promise<number> {
  if (!changes.length) return 0;
  const inserted = await tx.alarmStateChange.createManyAndReturn({
    data: changes.map(({ alarmName: _name, ...change }) => change),
    skipDuplicates: true,
    select: { alarmId: true, fromState: true, toState: true, reason: true, changedAt: true },
  });
  const nameOf = new Map(changes.map((c) => [c.alarmId, c.alarmName]));
  for (const change of [...inserted].sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime())) {
    const action = auditActionOfChange(change.fromState, change.toState);
    if (!action) continue;
    await recordAudit(tx, {
      actor: "system",
      action,
      target: { type: "alarm", id: nameOf.get(change.alarmId) ?? change.alarmId },
      environment: environmentKey,
      details: { from: change.fromState, to: change.toState, reason: change.reason, changedAt: change.changedAt.toISOString() },
    });
  }
  return inserted.length;
}
