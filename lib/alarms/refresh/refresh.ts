import { withEnvironmentTarget } from "../../environments/aws-target.ts";
import type { Db } from "../../db/client.ts";
import { describeAlarmsByName, type CloudWatchAlarm, type MetricDimension } from "../../aws/cloudwatch.ts";
import { notifyAlarmsChanged } from "../notify.ts";
import { discoverAlarms } from "./discover.ts";
import { readStateHistory } from "./history.ts";
import { refreshRecentPoints } from "./points.ts";
import { recordAlarmStateChanges } from "../state-changes.ts";
import { AwsThrottledError } from "../../aws/errors.ts";

export interface RefreshResult {
  alarms: number;
  /** DescribeAlarms calls made: one per 100 alarms per region, when the full read was due. */
  describeCalls: number;
  /** DescribeAlarmHistory calls made: one per region (and page of 100 changes). */
  historyCalls: number;
  /** GetMetricData calls for the stored recent points (every few minutes only). */
  metricCalls: number;
  stacksScanned: number;
  stateChanges: number;
  updated: number;
}

/** The full read (configuration and state of every alarm) is this far apart; history fills in between. */
const FULL_READ_MS = 60_000;

type StoredAlarm = Awaited<ReturnType<typeof storedAlarms>>[number];

function storedAlarms(db: Db, environmentKey: string) {
  return db.alarm.findMany({
    where: { stack: { environment: { key: environmentKey }, deletedAt: null } },
    select: {
      id: true, name: true, region: true, state: true, stateReason: true, stateUpdatedAt: true, arn: true, description: true, namespace: true,
      metricName: true, dimensions: true, statistic: true, period: true, evaluationPeriods: true, datapointsToAlarm: true, threshold: true,
      comparisonOperator: true, treatMissingData: true, actionsEnabled: true, refreshedAt: true, pointsRefreshedAt: true,
    },
  });
}

/**
 * One refresh of an environment's alarms: find new or removed alarms of changed stacks, record every state change
 * since the last run from DescribeAlarmHistory (one call per region), and, when due, read every alarm's
 * configuration and state with DescribeAlarms (100 names per call); then NOTIFY viewers if anything changed.
 */
export function refreshEnvironmentAlarms(db: Db, environmentKey: string, now = new Date()): Promise<RefreshResult> {
  // In the environment's account (as the worker): its alarms, stacks and metrics are there.
  return withEnvironmentTarget(db, environmentKey, null, () => refreshAlarmsInTarget(db, environmentKey, now));
}

async function refreshAlarmsInTarget(db: Db, environmentKey: string, now: Date): Promise<RefreshResult> {
  const stacksScanned = await discoverAlarms(db, environmentKey);
  const stored = await storedAlarms(db, environmentKey);
  const byRegion = new Map<string, StoredAlarm[]>();
  for (const alarm of stored) byRegion.set(alarm.region, [...(byRegion.get(alarm.region) ?? []), alarm]);
  const result = { alarms: stored.length, describeCalls: 0, historyCalls: 0, metricCalls: 0, stacksScanned, stateChanges: 0, updated: 0 };
  for (const [region, rows] of byRegion) {
    const history = await readHistoryOrNull(db, environmentKey, region, rows, now);
    if (history) Object.assign(result, { historyCalls: result.historyCalls + history.calls, stateChanges: result.stateChanges + history.recorded, updated: result.updated + history.updated });
    if (!rows.some((r) => r.refreshedAt === null || now.getTime() - r.refreshedAt.getTime() >= FULL_READ_MS)) continue;
    const full = await fullRead(db, environmentKey, region, rows, now, history !== null);
    Object.assign(result, { describeCalls: result.describeCalls + full.calls, stateChanges: result.stateChanges + full.stateChanges, updated: result.updated + full.updated });
  }
  // After the full reads: alarms seen for the first time now have the metric configuration the points need.
  const configured = (await storedAlarms(db, environmentKey)).filter((r) => r.refreshedAt !== null);
  for (const region of byRegion.keys()) {
    const rows = configured.filter((r) => r.region === region).map((r) => ({ ...r, dimensions: r.dimensions as unknown as MetricDimension[] }));
    result.metricCalls += await refreshRecentPoints(db, region, rows, now);
  }
  if (result.updated || result.stateChanges || result.metricCalls || stacksScanned) await notifyAlarmsChanged(db, environmentKey);
  return result;
}

/** History, unless the endpoint cannot give it (some emulators): then the full read records changes by comparison. */
async function readHistoryOrNull(db: Db, environmentKey: string, region: string, rows: StoredAlarm[], now: Date) {
  try {
    return await readStateHistory(db, environmentKey, region, rows, now);
  } catch (error) {
    if (error instanceof AwsThrottledError) throw error;
    console.error(`alarm history of ${environmentKey} in ${region} unavailable; state changes come from state reads only`, (error as Error).message);
    return null;
  }
}

async function fullRead(db: Db, environmentKey: string, region: string, rows: StoredAlarm[], now: Date, historyRead: boolean) {
  const { alarms, calls } = await describeAlarmsByName(region, rows.map((r) => r.name));
  const live = new Map(alarms.map((a) => [a.name, a]));
  let stateChanges = 0;
  let updated = 0;
  for (const row of rows) {
    const current = live.get(row.name);
    if (!current || !differs(row, current)) continue;
    // The first sighting counts as a change too (from nothing), so every alarm's timeline starts somewhere; after
    // that, history has recorded each change already (unless it could not be read).
    const record = row.refreshedAt === null || (!historyRead && row.state !== current.state);
    await db.$transaction(async (tx) => {
      await tx.alarm.update({ where: { id: row.id }, data: { ...fields(current), refreshedAt: now }, select: { id: true } });
      if (record) {
        stateChanges += await recordAlarmStateChanges(tx, environmentKey, [
          { alarmId: row.id, alarmName: row.name, fromState: row.refreshedAt === null ? null : row.state, toState: current.state, reason: current.stateReason, changedAt: current.stateUpdatedAt ?? now },
        ]);
      }
    });
    updated++;
  }
  await db.alarm.updateMany({ where: { id: { in: rows.map((a) => a.id) } }, data: { refreshedAt: now } });
  return { calls, stateChanges, updated };
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
