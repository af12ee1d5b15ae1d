import type { Db } from "../../db/client.ts";
import { describeStateHistory, type AlarmStateUpdate } from "../../aws/cloudwatch.ts";
import { recordAlarmStateChanges } from "../state-changes.ts";

// Every state change of an environment's alarms in one region since the previous refresh, from DescribeAlarmHistory
// (StateUpdate, the whole region in one call per 100 items): a forced or flapping alarm that went into ALARM and
// back between two refreshes is recorded all the same, and each alarm's row takes its newest state at once, without
// waiting for the full DescribeAlarms read. alarm_history_marks remembers how far each (environment, region) read.

/** History may show up a little after its timestamp: each run reads again this far back (duplicates are skipped). */
const OVERLAP_MS = 10_000;
/** With no mark yet (first run), this far back. */
const FIRST_WINDOW_MS = 60 * 60_000;
/** Pages per run: a flood of flaps is read over several runs instead of holding this one. */
const MAX_PAGES = 10;

export interface AlarmRow {
  id: string;
  name: string;
  state: string;
  stateUpdatedAt: Date | null;
  refreshedAt: Date | null;
}

export interface HistoryResult {
  calls: number;
  recorded: number;
  /** Alarms whose stored state changed from history. */
  updated: number;
}

export async function readStateHistory(db: Db, environmentKey: string, region: string, alarms: AlarmRow[], now = new Date()): Promise<HistoryResult> {
  const key = `${environmentKey}|${region}`;
  const mark = await db.alarmHistoryMark.findUnique({ where: { key }, select: { readUntil: true } });
  const start = new Date((mark?.readUntil.getTime() ?? now.getTime() - FIRST_WINDOW_MS + OVERLAP_MS) - OVERLAP_MS);
  const byName = new Map(alarms.map((a) => [a.name, a]));
  const mine: AlarmStateUpdate[] = [];
  let readUntil = now;
  let token: string | undefined;
  let calls = 0;
  do {
    const page = await describeStateHistory(region, { start, end: now, nextToken: token });
    calls++;
    mine.push(...page.items.filter((item) => byName.has(item.alarmName) && item.fromState !== item.toState));
    token = page.nextToken ?? undefined;
    // Out of pages for this run: carry on from the last item read next time.
    if (token && calls >= MAX_PAGES) readUntil = page.items.at(-1)?.at ?? readUntil;
  } while (token && calls < MAX_PAGES);

  let recorded = 0;
  if (mine.length) {
    const changes = mine.map((item) => ({ alarmId: byName.get(item.alarmName)!.id, alarmName: item.alarmName, fromState: item.fromState, toState: item.toState, reason: item.reason, changedAt: item.at }));
    recorded = await db.$transaction((tx) => recordAlarmStateChanges(tx, environmentKey, changes));
  }
  const updated = await applyNewestStates(db, byName, mine);
  await db.alarmHistoryMark.upsert({ where: { key }, create: { key, readUntil }, update: { readUntil }, select: { key: true } });
  return { calls, recorded, updated };
}

/** The newest change of each alarm becomes its stored state, when it is newer than what is stored. */
async function applyNewestStates(db: Db, byName: Map<string, AlarmRow>, items: AlarmStateUpdate[]): Promise<number> {
  const newest = new Map<string, AlarmStateUpdate>();
  for (const item of items) if ((newest.get(item.alarmName)?.at ?? new Date(0)) <= item.at) newest.set(item.alarmName, item);
  let updated = 0;
  for (const [name, item] of newest) {
    const row = byName.get(name)!;
    if (row.refreshedAt === null || (row.stateUpdatedAt && row.stateUpdatedAt >= item.at)) continue;
    await db.alarm.update({ where: { id: row.id }, data: { state: item.toState, stateReason: item.reason, stateUpdatedAt: item.at }, select: { id: true } });
    updated++;
  }
  return updated;
}
