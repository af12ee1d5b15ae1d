import type { AlarmStateValue } from "../core/contracts.ts";
import { periodValues } from "./metric-values.ts";
import type { AlarmRecord, RegionState } from "./state.ts";

export interface Evaluation {
  state: AlarmStateValue;
  reason: string;
  reasonData: string;
}

const OPERATOR_WORDS: Record<string, string> = {
  GreaterThanThreshold: "greater than",
  GreaterThanOrEqualToThreshold: "greater than or equal to",
  LessThanThreshold: "less than",
  LessThanOrEqualToThreshold: "less than or equal to",
};

function breaches(alarm: AlarmRecord, value: number): boolean {
  switch (alarm.ComparisonOperator) {
    case "GreaterThanThreshold":
      return value > alarm.Threshold;
    case "GreaterThanOrEqualToThreshold":
      return value >= alarm.Threshold;
    case "LessThanThreshold":
      return value < alarm.Threshold;
    default:
      return value <= alarm.Threshold;
  }
}

/**
 * Evaluates the alarm's last EvaluationPeriods periods (the current, partial one included, so fresh PutMetricData
 * counts at once) against its threshold. "M out of N": ALARM when at least DatapointsToAlarm periods breach.
 * Missing periods follow TreatMissingData; undefined means "keep the current state" (TreatMissingData=ignore).
 */
export function evaluateAlarm(alarm: AlarmRecord, region: RegionState, now: Date): Evaluation | undefined {
  const nowMs = now.getTime();
  const periodMs = alarm.Period * 1000;
  const endMs = Math.floor(nowMs / periodMs) * periodMs + periodMs;
  const startMs = endMs - alarm.EvaluationPeriods * periodMs;
  const stat = alarm.Statistic ?? alarm.ExtendedStatistic ?? "Average";
  const datapoints = alarm.Metrics
    ? []
    : periodValues(region, alarm, stat, alarm.Period, startMs, endMs, nowMs).reverse();
  const required = alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods;
  const missing = alarm.EvaluationPeriods - datapoints.length;
  const treatMissing = alarm.TreatMissingData ?? "missing";
  const breaching = datapoints.filter((point) => breaches(alarm, point.value)).length +
    (treatMissing === "breaching" ? missing : 0);

  const reasonData = JSON.stringify({
    version: "1.0",
    queryDate: now.toISOString(),
    startDate: new Date(startMs).toISOString(),
    statistic: stat,
    period: alarm.Period,
    recentDatapoints: datapoints.map((point) => round(point.value)),
    threshold: alarm.Threshold,
    evaluatedDatapoints: datapoints.map((point) => ({ timestamp: new Date(point.t).toISOString(), value: round(point.value) })),
  });

  if (datapoints.length === 0 && (treatMissing === "missing" || treatMissing === "ignore")) {
    if (treatMissing === "ignore") return undefined;
    const count = alarm.EvaluationPeriods;
    return { state: "INSUFFICIENT_DATA", reason: `Insufficient Data: ${count} datapoint${count === 1 ? " was" : "s were"} unknown.`, reasonData };
  }
  const listed = datapoints.map((point) => `${round(point.value)} (${formatAwsDate(point.t)})`).join(", ");
  const words = OPERATOR_WORDS[alarm.ComparisonOperator];
  if (breaching >= required) {
    const subject = required === 1 && alarm.EvaluationPeriods === 1
      ? `1 datapoint [${listed}] was ${words}`
      : `${breaching} out of the last ${alarm.EvaluationPeriods} datapoints [${listed}] were ${words}`;
    return { state: "ALARM", reason: `Threshold Crossed: ${subject} the threshold (${alarm.Threshold}).`, reasonData };
  }
  const subject = datapoints.length === 1 ? `1 datapoint [${listed}] was not ${words}` : `${datapoints.length} datapoints [${listed}] were not ${words}`;
  return { state: "OK", reason: `Threshold Crossed: ${subject} the threshold (${alarm.Threshold}).`, reasonData };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** AWS writes datapoint times in state reasons as dd/MM/yy HH:mm:ss (UTC). */
function formatAwsDate(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${two(date.getUTCFullYear() % 100)} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
}
