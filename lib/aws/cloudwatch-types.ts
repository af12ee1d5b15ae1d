// The adapter's own CloudWatch types: what the rest of the app sees of alarms and metrics. Raw SDK types stay in lib/aws.

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";
export const ALARM_STATES: readonly AlarmState[] = ["ALARM", "INSUFFICIENT_DATA", "OK"];

export interface MetricDimension {
  name: string;
  value: string;
}

export interface CloudWatchAlarm {
  name: string;
  arn: string | null;
  state: AlarmState;
  stateReason: string | null;
  stateUpdatedAt: Date | null;
  description: string | null;
  namespace: string | null;
  metricName: string | null;
  dimensions: MetricDimension[];
  statistic: string | null;
  period: number | null;
  evaluationPeriods: number | null;
  datapointsToAlarm: number | null;
  threshold: number | null;
  comparisonOperator: string | null;
  treatMissingData: string | null;
  actionsEnabled: boolean;
}

/** One state change of an alarm, from DescribeAlarmHistory (HistoryItemType StateUpdate, HistoryData). */
export interface AlarmStateUpdate {
  alarmName: string;
  at: Date;
  fromState: AlarmState;
  toState: AlarmState;
  reason: string | null;
}

export interface MetricQuery {
  id: string;
  namespace: string;
  metricName: string;
  dimensions: MetricDimension[];
  statistic: string;
  period: number;
}

export interface MetricSeries {
  id: string;
  /** Oldest first. */
  points: { t: Date; v: number }[];
}

/** One data point to publish with PutMetricData. */
export interface MetricDatum {
  metricName: string;
  dimensions: MetricDimension[];
  timestamp: Date;
  value: number;
  unit?: "Count" | "Seconds" | "Percent" | "Milliseconds";
}
