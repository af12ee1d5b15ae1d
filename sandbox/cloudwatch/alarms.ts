import { ACCOUNT_ID, AwsError, type AlarmStateValue, type Clock, type PutMetricAlarmInput, type StateStore } from "../core/contracts.ts";
import { evaluateAlarm } from "./alarm-evaluation.ts";
import { validatePutMetricAlarm } from "./alarm-validation.ts";
import type { AlarmRecord, HistoryRecord, RegionState, RegionStateOf } from "./state.ts";

/** AWS keeps alarm history for 30 days; the sandbox keeps the newest entries per region instead. */
const MAX_HISTORY_PER_REGION = 20_000;

export const ALARM_STATES: readonly AlarmStateValue[] = ["OK", "ALARM", "INSUFFICIENT_DATA"];

export function alarmArn(region: string, name: string, accountId = ACCOUNT_ID): string {
  return `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`;
}

/** Alarm state and history, shared by the API handlers, the evaluator and CloudFormation's alarm resources. */
export class Alarms {
  constructor(
    private readonly regionState: RegionStateOf,
    private readonly clock: Clock,
    private readonly store: StateStore,
    private readonly accountId = ACCOUNT_ID,
  ) {}

  find(region: string, nameOrArn: string): AlarmRecord | undefined {
    const alarms = this.regionState(region).alarms;
    const prefix = alarmArn(region, "", this.accountId);
    return alarms[nameOrArn.startsWith(prefix) ? nameOrArn.slice(prefix.length) : nameOrArn];
  }

  /** Creates or fully overwrites an alarm; an update leaves its state unchanged, as the API reference says. */
  put(region: string, raw: Record<string, unknown> | PutMetricAlarmInput): AlarmRecord {
    const input = validatePutMetricAlarm(raw as unknown as Record<string, unknown>);
    const state = this.regionState(region);
    const now = this.clock.now().getTime();
    const existing = state.alarms[input.AlarmName];
    const record: AlarmRecord = {
      ...stripUndefined(input),
      ActionsEnabled: input.ActionsEnabled ?? true,
      AlarmActions: input.AlarmActions ?? [],
      OKActions: input.OKActions ?? [],
      InsufficientDataActions: input.InsufficientDataActions ?? [],
      AlarmArn: alarmArn(region, input.AlarmName, this.accountId),
      StateValue: existing?.StateValue ?? "INSUFFICIENT_DATA",
      StateReason: existing?.StateReason ?? "Unchecked: Initial alarm creation",
      StateReasonData: existing?.StateReasonData,
      StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? now,
      StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? now,
      AlarmConfigurationUpdatedTimestamp: now,
      forcedHoldSeconds: existing?.forcedHoldSeconds,
    };
    state.alarms[input.AlarmName] = record;
    const verb = existing ? "updated" : "created";
    this.appendHistory(state, record.AlarmName, "ConfigurationUpdate", `Alarm "${record.AlarmName}" ${verb}`, {
      version: "1.0",
      type: existing ? "Update" : "Create",
      createdAlarm: existing ? undefined : publicConfiguration(record),
      updatedAlarm: existing ? publicConfiguration(record) : undefined,
    });
    this.store.markDirty();
    return record;
  }

  /** Unknown names are skipped: "the alarms you specify with correct names are still deleted" (DeleteAlarms). */
  delete(region: string, names: readonly string[]): void {
    const state = this.regionState(region);
    for (const name of names) {
      const alarm = state.alarms[name];
      if (!alarm) continue;
      delete state.alarms[name];
      this.appendHistory(state, name, "ConfigurationUpdate", `Alarm "${name}" deleted`, {
        version: "1.0",
        type: "Delete",
        deletedAlarm: publicConfiguration(alarm),
      });
    }
    this.store.markDirty();
  }

  /**
   * SetAlarmState: the forced state holds until the next evaluation (one evaluation interval of simulated time,
   * see evaluateAll); if the metric then disagrees, the alarm returns to its actual state, as AWS's do "quickly".
   */
  force(region: string, name: string, value: AlarmStateValue, reason: string, reasonData: string | undefined, holdSeconds: number): void {
    const alarm = this.regionState(region).alarms[name];
    if (!alarm) throw new AwsError("ResourceNotFound", `Alarm ${name} does not exist.`, 404);
    this.transition(region, alarm, value, reason, reasonData);
    alarm.forcedHoldSeconds = holdSeconds;
    this.store.markDirty();
  }

  /** One evaluation round over every alarm in every region; `elapsedSeconds` of simulated time since the last. */
  evaluateAll(regions: [string, RegionState][], elapsedSeconds: number): void {
    const now = this.clock.now();
    for (const [region, state] of regions) {
      for (const alarm of Object.values(state.alarms)) {
        if (alarm.forcedHoldSeconds !== undefined) {
          alarm.forcedHoldSeconds -= elapsedSeconds;
          if (alarm.forcedHoldSeconds > 0) continue;
          delete alarm.forcedHoldSeconds;
        }
        const result = evaluateAlarm(alarm, state, now);
        if (result && result.state !== alarm.StateValue) {
          this.transition(region, alarm, result.state, result.reason, result.reasonData);
        }
      }
    }
  }

  private transition(region: string, alarm: AlarmRecord, value: AlarmStateValue, reason: string, reasonData?: string): void {
    const state = this.regionState(region);
    const now = this.clock.now().getTime();
    const oldState = { stateValue: alarm.StateValue, stateReason: alarm.StateReason, ...parsedReasonData(alarm.StateReasonData) };
    const changed = alarm.StateValue !== value;
    alarm.StateValue = value;
    alarm.StateReason = reason;
    alarm.StateReasonData = reasonData;
    alarm.StateUpdatedTimestamp = now;
    if (changed) alarm.StateTransitionedTimestamp = now;
    this.appendHistory(state, alarm.AlarmName, "StateUpdate", `Alarm updated from ${oldState.stateValue} to ${value}`, {
      version: "1.0",
      oldState,
      newState: { stateValue: value, stateReason: reason, ...parsedReasonData(reasonData) },
    });
    this.store.markDirty();
  }

  private appendHistory(state: RegionState, alarmName: string, type: HistoryRecord["HistoryItemType"], summary: string, data: unknown): void {
    state.history.push({
      seq: state.nextHistorySeq++,
      AlarmName: alarmName,
      AlarmType: "MetricAlarm",
      Timestamp: this.clock.now().getTime(),
      HistoryItemType: type,
      HistorySummary: summary,
      HistoryData: JSON.stringify(data),
    });
    if (state.history.length > MAX_HISTORY_PER_REGION) state.history.splice(0, state.history.length - MAX_HISTORY_PER_REGION);
  }
}

function parsedReasonData(reasonData: string | undefined): { stateReasonData?: unknown } {
  if (!reasonData) return {};
  try {
    return { stateReasonData: JSON.parse(reasonData) };
  } catch {
    return {};
  }
}

function publicConfiguration(alarm: AlarmRecord) {
  return {
    alarmName: alarm.AlarmName,
    alarmDescription: alarm.AlarmDescription,
    namespace: alarm.Namespace,
    metricName: alarm.MetricName,
    dimensions: alarm.Dimensions?.map((d) => ({ name: d.Name, value: d.Value })),
    statistic: alarm.Statistic,
    period: alarm.Period,
    evaluationPeriods: alarm.EvaluationPeriods,
    threshold: alarm.Threshold,
    comparisonOperator: alarm.ComparisonOperator,
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
