import "server-only";
import { describeAlarmHistory, getMetricData, type AlarmHistoryItem, type MetricDimension, type MetricQuery } from "../aws/cloudwatch.ts";
import type { ChartRange } from "./schema.ts";

// On-demand CloudWatch reads for one viewer (the alarm page's graph and history, a stack page's sparklines),
// cached briefly per alarm and range so reloads and several viewers of the same alarm share one call.

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

/** The alarm's history (DescribeAlarmHistory) over the range, newest first. */
export function alarmHistory(alarm: { name: string; region: string }, range: ChartRange, now = Date.now()): Promise<AlarmHistoryItem[]> {
  const end = Math.floor(now / 60_000) * 60_000 + 60_000;
  return cached(`history:${alarm.region}:${alarm.name}:${range}:${end}`, () =>
    describeAlarmHistory(alarm.region, { alarmName: alarm.name, start: new Date(end - RANGES[range].ms), end: new Date(end), limit: 200 }));
}

/** Last 3 hours of several alarms' metrics in one GetMetricData call per region (stack page sparklines). */
export function sparklineSeries(alarms: MetricAlarmRef[], now = Date.now()): Promise<Map<string, Point[]>> {
  const end = Math.floor(now / 60_000) * 60_000;
  const start = end - RANGES["3h"].ms;
  const key = `spark:${alarms.map((a) => `${a.region}/${a.name}`).sort().join(",")}:${end}`;
  return cached(key, async () => {
    const result = new Map<string, Point[]>();
    const regions = [...new Set(alarms.map((a) => a.region))];
    for (const region of regions) {
      const mine = alarms.filter((a) => a.region === region);
      const queries = mine.flatMap((a, i) => queryOf(a, `s${i}`, 300) ?? []);
      const series = await getMetricData(region, { queries, start: new Date(start), end: new Date(end) });
      mine.forEach((a, i) => result.set(a.name, (series.find((s) => s.id === `s${i}`)?.points ?? []).map((p) => ({ t: p.t.getTime(), v: p.v }))));
    }
    return result;
  });
}
