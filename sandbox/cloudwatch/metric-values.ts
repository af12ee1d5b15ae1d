import type { Dimension } from "../core/contracts.ts";
import { metricKey, type RegionState, type StoredDatapoint } from "./state.ts";
import { SYNTHETIC_RESOLUTION_MS, syntheticMinuteValue } from "./synthetic-metrics.ts";
import { publishedDuring } from "./emissions.ts";

export interface MetricIdentity {
  Namespace: string;
  MetricName: string;
  Dimensions?: Dimension[];
}

export interface Datapoint {
  /** Start of the period, epoch ms. */
  t: number;
  value: number;
}

export const STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] as const;
const PERCENTILE = /^p(\d{1,2}(\.\d{1,2})?|100)$/;

export function isSupportedStat(stat: string): boolean {
  return (STATISTICS as readonly string[]).includes(stat) || PERCENTILE.test(stat);
}

/**
 * One value per period in [startMs, endMs) for `stat`, ascending, periods aligned to the period length. A period
 * has a value only where something wrote one: PutMetricData, or a simulated service publishing the metric during
 * those minutes (emissions.ts; PutMetricData wins where both did). Nothing after `nowMs` exists.
 */
export function periodValues(
  region: RegionState,
  metric: MetricIdentity,
  stat: string,
  periodSeconds: number,
  startMs: number,
  endMs: number,
  nowMs: number,
): Datapoint[] {
  const periodMs = periodSeconds * 1000;
  const key = metricKey(metric.Namespace, metric.MetricName, metric.Dimensions);
  const stored = region.metrics[key]?.points ?? [];
  const source = region.sources?.[key];
  const result: Datapoint[] = [];
  const lastStart = Math.min(endMs, nowMs + 1);
  for (let t = Math.floor(startMs / periodMs) * periodMs; t < lastStart; t += periodMs) {
    const inPeriod = pointsBetween(stored, t, t + periodMs);
    const value = inPeriod.length > 0
      ? aggregateStored(inPeriod, stat)
      : source
        ? aggregateSamples(syntheticSamples(key, metric.MetricName, t, periodMs, nowMs, (minute) => publishedDuring(source, minute)), stat)
        : undefined;
    if (value !== undefined) result.push({ t, value });
  }
  return result;
}

/** Stored points are kept sorted by time (see PutMetricData), so a period's points are found by binary search. */
function pointsBetween(points: StoredDatapoint[], fromMs: number, toMs: number): StoredDatapoint[] {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (points[middle].t < fromMs) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < points.length && points[end].t < toMs) end += 1;
  return points.slice(low, end);
}

function syntheticSamples(key: string, metricName: string, periodStart: number, periodMs: number, nowMs: number, published: (minute: number) => boolean): number[] {
  const samples: number[] = [];
  const first = Math.floor(periodStart / SYNTHETIC_RESOLUTION_MS) * SYNTHETIC_RESOLUTION_MS;
  for (let minute = first; minute < periodStart + periodMs && minute <= nowMs; minute += SYNTHETIC_RESOLUTION_MS) {
    if (published(minute)) samples.push(syntheticMinuteValue(key, metricName, minute));
  }
  return samples;
}

function aggregateSamples(samples: number[], stat: string): number | undefined {
  if (samples.length === 0) return undefined;
  const points = samples.map((value) => ({ t: 0, sum: value, count: 1, min: value, max: value }));
  return aggregateStored(points, stat, samples);
}

function aggregateStored(points: StoredDatapoint[], stat: string, rawValues?: number[]): number | undefined {
  const count = points.reduce((total, point) => total + point.count, 0);
  const sum = points.reduce((total, point) => total + point.sum, 0);
  switch (stat) {
    case "SampleCount":
      return count;
    case "Sum":
      return sum;
    case "Average":
      return count === 0 ? undefined : sum / count;
    case "Minimum":
      return Math.min(...points.map((point) => point.min));
    case "Maximum":
      return Math.max(...points.map((point) => point.max));
  }
  const percentile = Number(stat.slice(1));
  // Percentiles need raw values; stored statistic sets only keep min/avg/max, so those are interpolated.
  const values = (rawValues ?? points.flatMap((point) => [point.min, point.sum / point.count, point.max])).sort((a, b) => a - b);
  if (values.length === 0) return undefined;
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil((percentile / 100) * values.length) - 1))];
}
