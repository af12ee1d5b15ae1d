import type { Db } from "../../db/client.ts";
import { describeAlarmsByName, type CloudWatchAlarm } from "../../aws/cloudwatch.ts";
import { notifyAlarmsChanged } from "../notify.ts";
import { discoverAlarms } from "./discover.ts";

export interface RefreshResult {
  alarms: number;
  /** DescribeAlarms calls made: one per 100 alarms per region. */
  describeCalls: number;
  stacksScanned: number;
  stateChanges: number;
  updated: number;
}

type StoredAlarm = Awaited<ReturnType<typeof storedAlarms>>[number];

function storedAlarms(db: Db, environmentKey: string) {
  return db.alarm.findMany({
    where: { stack: { environment: { key: environmentKey }, deletedAt: null } },
    select: {
      id: true, name: true, region: true, state: true, stateReason: true, stateUpdatedAt: true, arn: true, description: true, namespace: true,
      metricName: true, dimensions: true, statistic: true, period: true, evaluationPeriods: true, datapointsToAlarm: true, threshold: true,
      comparisonOperator: true, treatMissingData: true, actionsEnabled: true, refreshedAt: true,
    },
  });
}

/**
 * One refresh of an environment's alarms: find new or removed alarms of changed stacks, read every alarm's state
 * with DescribeAlarms (100 names per call), store what changed, record each state change, and NOTIFY viewers.
 */
export async function refreshEnvironmentAlarms(db: Db, environmentKey: string): Promise<RefreshResult> {
  const stacks = await db.stack.findMany({
    where: { environment: { key: environmentKey }, deletedAt: null, NOT: { status: null } },
    select: { id: true, name: true, region: true, awsStackId: true, updatedAt: true },
  });
  const stacksScanned = await discoverAlarms(db, stacks);
  const stored = await storedAlarms(db, environmentKey);
  const byRegion = new Map<string, StoredAlarm[]>();
  for (const alarm of stored) byRegion.set(alarm.region, [...(byRegion.get(alarm.region) ?? []), alarm]);

  let describeCalls = 0;
  let stateChanges = 0;
  let updated = 0;
  const now = new Date();
  for (const [region, rows] of byRegion) {
    const { alarms, calls } = await describeAlarmsByName(region, rows.map((r) => r.name));
    describeCalls += calls;
    const live = new Map(alarms.map((a) => [a.name, a]));
    for (const row of rows) {
      const current = live.get(row.name);
      if (!current || !differs(row, current)) continue;
      // The first sighting counts as a change too (from nothing), so every alarm's timeline starts somewhere.
      const changed = row.refreshedAt === null || row.state !== current.state;
      await db.$transaction(async (tx) => {
        await tx.alarm.update({ where: { id: row.id }, data: { ...fields(current), refreshedAt: now }, select: { id: true } });
        if (changed) {
          const { count } = await tx.alarmStateChange.createMany({
            data: [{ alarmId: row.id, fromState: row.refreshedAt === null ? null : row.state, toState: current.state, reason: current.stateReason, changedAt: current.stateUpdatedAt ?? now }],
            skipDuplicates: true,
          });
          stateChanges += count;
        }
      });
      updated++;
    }
  }
  if (stored.length) await db.alarm.updateMany({ where: { id: { in: stored.map((a) => a.id) } }, data: { refreshedAt: now } });
  if (updated || stacksScanned) await notifyAlarmsChanged(db, environmentKey);
  return { alarms: stored.length, describeCalls, stacksScanned, stateChanges, updated };
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

function fields(a: CloudWatchAlarm) {
  return {
    arn: a.arn, state: a.state, stateReason: a.stateReason, stateUpdatedAt: a.stateUpdatedAt, description: a.description,
    namespace: a.namespace, metricName: a.metricName, dimensions: a.dimensions as object[], statistic: a.statistic, period: a.period,
    evaluationPeriods: a.evaluationPeriods, datapointsToAlarm: a.datapointsToAlarm, threshold: a.threshold,
    comparisonOperator: a.comparisonOperator, treatMissingData: a.treatMissingData, actionsEnabled: a.actionsEnabled,
  };
}

function differs(row: StoredAlarm, live: CloudWatchAlarm): boolean {
  if (row.refreshedAt === null || row.state !== live.state || !sameTime(row.stateUpdatedAt, live.stateUpdatedAt)) return true;
  const stored = { ...row, stateUpdatedAt: undefined };
  const next = fields(live);
  return (Object.keys(next) as (keyof typeof next)[]).some((key) =>
    key !== "stateUpdatedAt" && JSON.stringify(stored[key as keyof typeof stored]) !== JSON.stringify(next[key]));
}
