import "server-only";
import { getMetricData, type MetricDimension, type MetricQuery } from "../aws/cloudwatch.ts";
import type { ChartRange } from "./schema.ts";

// CloudWatch metric reads: the alarm page's graph (a person asked for this alarm and range; streamed in after the
// page, cached a minute per alarm and range so reloads and several viewers share one call) and the recent points
// the alarm refresh stores for every alarm (the stack page's sparklines, which therefore never ask CloudWatch).

export const RANGES: Record<ChartRange, { ms: number; period: number; label: string }> = {
  "3h": { ms: 3 * 3_600_000, period: 60, label: "3 hours" },
  "24h": { ms: 24 * 3_600_000, period: 300, label: "24 hours" },
  "7d": { ms: 7 * 86_400_000, period: 3_600, label: "7 days" },
};
const CACHE_MS = 60_000;
const MAX_ENTRIES = 500;

const cache = new Map<string, { at: number; value: Promise<unknown> }>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as Promise<T>;
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  const value = load();
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key)); // a failure is not cached
  return value;
}

export interface MetricAlarmRef {
  name: string;
  region: string;
  namespace: string | null;
  metricName: string | null;
  dimensions: MetricDimension[];
  statistic: string | null;
  period: number | null;
}

export type Point = { t: number; v: number };

const queryOf = (alarm: MetricAlarmRef, id: string, period: number): MetricQuery | null =>
  alarm.namespace && alarm.metricName
    ? { id, namespace: alarm.namespace, metricName: alarm.metricName, dimensions: alarm.dimensions, statistic: alarm.statistic ?? "Average", period: Math.max(period, alarm.period ?? 60) }
    : null;

/** The alarm's metric over the range (aligned to the minute so cached entries are reused), oldest first. */
export function alarmSeries(alarm: MetricAlarmRef, range: ChartRange, now = Date.now()): Promise<{ start: number; end: number; points: Point[] }> {
  const end = Math.floor(now / 60_000) * 60_000;
  const start = end - RANGES[range].ms;
  return cached(`series:${alarm.region}:${alarm.name}:${range}:${end}`, async () => {
    const query = queryOf(alarm, "m0", RANGES[range].period);
    if (!query) return { start, end, points: [] };
    const [series] = await getMetricData(alarm.region, { queries: [query], start: new Date(start), end: new Date(end) });
    return { start, end, points: (series?.points ?? []).map((p) => ({ t: p.t.getTime(), v: p.v })) };
  });
}

/** The last 3 hours of several alarms' metrics at 5-minute points, in one GetMetricData call per 500 (its limit). */
export async function recentPoints(region: string, alarms: MetricAlarmRef[], now = Date.now()): Promise<Map<string, Point[]>> {
  const end = Math.floor(now / 60_000) * 60_000;
  const start = end - RANGES["3h"].ms;
  const result = new Map<string, Point[]>();
  for (let i = 0; i < alarms.length; i += 500) {
    const batch = alarms.slice(i, i + 500);
    const queries = batch.flatMap((a, n) => queryOf(a, `s${n}`, 300) ?? []);
    if (!queries.length) continue;
    const series = await getMetricData(region, { queries, start: new Date(start), end: new Date(end) });
    batch.forEach((a, n) => result.set(a.name, (series.find((s) => s.id === `s${n}`)?.points ?? []).map((p) => ({ t: p.t.getTime(), v: p.v }))));
  }
  return result;
}
