import type { AlarmStateValue, Dimension, PutMetricAlarmInput, StateStore } from "../core/contracts.ts";

/** An alarm as stored: its configuration plus state. Times are epoch milliseconds (JSON-safe). */
export interface AlarmRecord extends PutMetricAlarmInput {
  AlarmArn: string;
  StateValue: AlarmStateValue;
  StateReason: string;
  StateReasonData?: string;
  StateUpdatedTimestamp: number;
  StateTransitionedTimestamp: number;
  AlarmConfigurationUpdatedTimestamp: number;
  /** Metric-math queries are stored and echoed, not evaluated (the alarm stays INSUFFICIENT_DATA). */
  Metrics?: unknown[];
  /** Simulated seconds a state forced by SetAlarmState still holds before evaluation may override it. */
  forcedHoldSeconds?: number;
}

export interface HistoryRecord {
  seq: number;
  AlarmName: string;
  AlarmType: "MetricAlarm";
  Timestamp: number;
  HistoryItemType: "ConfigurationUpdate" | "StateUpdate" | "Action";
  HistorySummary: string;
  HistoryData: string;
}

/** Datapoints sent with PutMetricData, one statistic set per call and timestamp. */
export interface StoredDatapoint {
  t: number;
  sum: number;
  count: number;
  min: number;
  max: number;
}

export interface StoredMetric {
  Namespace: string;
  MetricName: string;
  Dimensions: Dimension[];
  points: StoredDatapoint[];
}

/** When a simulated resource published a metric: [from, to) spans, `to` unset while it still does. */
export interface MetricSource {
  Namespace: string;
  MetricName: string;
  Dimensions: Dimension[];
  spans: { from: number; to?: number }[];
}

export interface RegionState {
  alarms: Record<string, AlarmRecord>;
  history: HistoryRecord[];
  nextHistorySeq: number;
  metrics: Record<string, StoredMetric>;
  /** Metrics simulated services publish (absent in state files written before they did). */
  sources?: Record<string, MetricSource>;
}

interface CloudWatchState {
  regions: Record<string, RegionState>;
}

export type RegionStateOf = (region: string) => RegionState;

export function regionStateAccessor(store: StateStore): { regionState: RegionStateOf; allRegions(): [string, RegionState][] } {
  const state = store.slice<CloudWatchState>("cloudwatch", () => ({ regions: {} }));
  return {
    regionState: (region) => (state.regions[region] ??= { alarms: {}, history: [], nextHistorySeq: 1, metrics: {} }),
    allRegions: () => Object.entries(state.regions),
  };
}

/** Dimensions in a canonical order, so the same metric always has the same key and seed. */
export function metricKey(namespace: string, metricName: string, dimensions: readonly Dimension[] = []): string {
  const sorted = [...dimensions].sort((a, b) => a.Name.localeCompare(b.Name));
  return `${namespace}|${metricName}|${sorted.map((d) => `${d.Name}=${d.Value}`).join(",")}`;
}

export function sameDimensions(a: readonly Dimension[] = [], b: readonly Dimension[] = []): boolean {
  return metricKey("", "", a) === metricKey("", "", b);
}
