import type { AlarmState } from "../aws/cloudwatch-types.ts";

const OPERATORS: Record<string, string> = {
  GreaterThanThreshold: ">",
  GreaterThanOrEqualToThreshold: "≥",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "≤",
};

/** A readable number: 1.5 k, 2.1 G for bytes-sized values, up to 3 significant digits otherwise. */
export function formatValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const units: [number, string][] = [[1e12, "T"], [1e9, "G"], [1e6, "M"], [1e4, "k"]];
  for (const [size, suffix] of units) if (abs >= size) return `${Number((value / size).toPrecision(3))} ${suffix}`;
  return String(Number(value.toPrecision(3)));
}

export function formatPeriod(seconds: number | null): string {
  if (!seconds) return "—";
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** "CPUUtilization Average > 80 for 2 × 5 min" */
export function alarmCondition(a: {
  metricName: string | null; statistic: string | null; comparisonOperator: string | null; threshold: number | null;
  evaluationPeriods: number | null; period: number | null;
}): string {
  if (!a.metricName) return "metric math";
  const operator = OPERATORS[a.comparisonOperator ?? ""] ?? a.comparisonOperator ?? "?";
  const periods = a.evaluationPeriods && a.evaluationPeriods > 1 ? `${a.evaluationPeriods} × ` : "";
  return `${a.metricName} ${a.statistic ?? ""} ${operator} ${formatValue(a.threshold)} for ${periods}${formatPeriod(a.period)}`.replace(/\s+/g, " ");
}

/** ALARM first, then INSUFFICIENT_DATA, then OK. */
export const STATE_ORDER: Record<AlarmState, number> = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 };

export const asAlarmState = (value: string): AlarmState => (value === "ALARM" || value === "OK" ? value : "INSUFFICIENT_DATA");
