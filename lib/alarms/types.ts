import type { AlarmState, MetricDimension } from "../aws/cloudwatch-types.ts";

export type { AlarmState };

/** One alarm as lists show it (plain data: safe to send to the browser and the API). */
export interface AlarmSummary {
  name: string;
  state: AlarmState;
  stateReason: string | null;
  /** When the alarm entered its current state (ISO), as CloudWatch reports it. */
  since: string | null;
  environment: string;
  stack: string;
  region: string;
  /** The stack resource that created it (logical id). */
  resource: string;
  namespace: string | null;
  metricName: string | null;
  statistic: string | null;
  period: number | null;
  threshold: number | null;
  comparisonOperator: string | null;
  /** e.g. "CPUUtilization Average > 80 for 2 × 5 min". */
  condition: string;
}

export interface AlarmStateChangeDto {
  alarm: string;
  fromState: AlarmState | null;
  toState: AlarmState;
  reason: string | null;
  at: string;
}

export interface AlarmDetail extends AlarmSummary {
  arn: string | null;
  description: string | null;
  dimensions: MetricDimension[];
  evaluationPeriods: number | null;
  datapointsToAlarm: number | null;
  treatMissingData: string | null;
  actionsEnabled: boolean;
  refreshedAt: string | null;
  changes: AlarmStateChangeDto[];
}

export interface AlarmPage {
  items: AlarmSummary[];
  total: number;
  page: number;
  pageCount: number;
  counts: Record<AlarmState, number>;
  /** Stacks of the environment that have alarms (for the filter). */
  stacks: string[];
}

/** One change of one alarm's state (newest first in lists). */
export interface AlarmTransition {
  fromState: AlarmState | null;
  toState: AlarmState;
  at: string;
  reason: string | null;
}

export interface StackAlarmItem extends AlarmSummary {
  /** Its latest state changes, newest first. */
  stateChanges: AlarmTransition[];
  /** The last 3 hours of its metric (5-minute points, epoch ms), as the refresh last stored them. */
  recentPoints: { t: number; v: number }[];
  /** When the refresh last read the alarm (state and configuration), and its points. */
  refreshedAt: string | null;
  pointsRefreshedAt: string | null;
}

export interface StackAlarms {
  items: StackAlarmItem[];
  /** The stack's alarm timeline: every alarm's changes together, newest first. */
  changes: AlarmStateChangeDto[];
  /** When the alarms' states were last read from CloudWatch (null: not yet). */
  statesReadAt: string | null;
}
