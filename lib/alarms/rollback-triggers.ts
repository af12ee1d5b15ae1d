import type { Db } from "../db/client.ts";
import { loadProfile } from "../templates/profiles.ts";

/** CloudFormation accepts at most five rollback triggers per stack operation. */
export const MAX_ROLLBACK_TRIGGERS = 5;
export const DEFAULT_MONITORING_MINUTES = 5;

export interface RollbackTriggers {
  alarmArns: string[];
  monitoringMinutes: number;
}

/**
 * The rollback triggers of an update to a stack in an environment that requires approval: the stack's own alarms
 * (CloudFormation watches them during the update and for the environment's `rollbackMonitoringMinutes`, default
 * 5, afterwards). Only alarms CloudWatch confirmed on the last refresh (a missing trigger alarm fails the update),
 * and not those already in ALARM: they would roll back every change, including the fix for what set them off (the
 * preview warns about them instead). At most five, ordered by logical id so the choice is stable. Null: none.
 */
export async function rollbackTriggersFor(db: Db, input: { stackId: string; environment: string }): Promise<RollbackTriggers | null> {
  const alarms = await db.alarm.findMany({
    where: { stackId: input.stackId, arn: { not: null }, refreshedAt: { not: null }, NOT: { state: "ALARM" } },
    orderBy: [{ logicalId: "asc" }, { name: "asc" }],
    take: MAX_ROLLBACK_TRIGGERS,
    select: { arn: true },
  });
  if (alarms.length === 0) return null;
  const profile = await loadProfile(input.environment);
  return { alarmArns: alarms.map((a) => a.arn!), monitoringMinutes: profile?.rollbackMonitoringMinutes ?? DEFAULT_MONITORING_MINUTES };
}

const ALARM_ARN = /arn:aws[\w-]*:cloudwatch:[\w-]+:\d{12}:alarm:([^\s,;'"]+)/;

/** The alarm named in a rollback-trigger reason ("... alarm arn:aws:cloudwatch:…:alarm:NAME is in ALARM state"), or null. */
export function alarmFromRollbackReason(reason: string | null | undefined): string | null {
  const match = ALARM_ARN.exec(reason ?? "");
  return match ? match[1]!.replace(/[.)]+$/, "") : null;
}
