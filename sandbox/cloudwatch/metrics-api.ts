import type { Clock, Dimension, StateStore } from "../core/contracts.ts";
import { epochSeconds } from "../core/json-input.ts";
import { decodeNextToken, encodeNextToken, pageAfter } from "../core/pagination.ts";
import { readDimensions } from "./alarm-validation.ts";
import { cloudWatchInput, cloudWatchParameterErrors, invalidNextToken, invalidParameter } from "./input.ts";
import { isSupportedStat, periodValues, type MetricIdentity } from "./metric-values.ts";
import { metricKey, type RegionStateOf, type StoredDatapoint } from "./state.ts";
import { publishedMetrics } from "./emissions.ts";

const MAX_POINTS_PER_METRIC = 50_000;
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;
const TWO_WEEKS_MS = 14 * 86_400_000;

export function createMetricsApi(regionState: RegionStateOf, clock: Clock, store: StateStore) {
  return {
    GetMetricData(region: string, body: Record<string, unknown>) {
      const input = cloudWatchInput(body);
      const queries = input.objectList("MetricDataQueries");
      if (!queries || queries.length === 0) throw cloudWatchParameterErrors.missing("MetricDataQueries");
      if (queries.length > 500) throw invalidParameter("The collection MetricDataQueries must not have more than 500 members.");
      const start = input.timestamp("StartTime") ?? raise("StartTime");
      const end = input.timestamp("EndTime") ?? raise("EndTime");
      if (start >= end) throw invalidParameter("The parameter StartTime must be less than the parameter EndTime.");
      const ascending = (input.string("ScanBy") ?? "TimestampDescending") === "TimestampAscending";
      const budget = input.integer("MaxDatapoints", 1, 100_800) ?? 100_800;
      const token = input.string("NextToken");
      const position = token ? decodeNextToken<{ query: number; point: number }>(token, invalidNextToken) : { query: 0, point: 0 };
      const nowMs = clock.now().getTime();
      const state = regionState(region);

      let remaining = budget;
      let nextToken: string | undefined;
      const results = [];
      for (let index = position.query; index < queries.length; index += 1) {
        const query = queries[index];
        const id = query.Id;
        if (typeof id !== "string" || !QUERY_ID.test(id)) {
          throw invalidParameter(`The value ${String(id)} for parameter MetricDataQueries.member.${index + 1}.Id is not valid.`);
        }
        if (query.ReturnData === false) continue;
        const stat = query.MetricStat as Record<string, unknown> | undefined;
        if (!stat) {
          results.push({ Id: id, Label: String(query.Label ?? id), Timestamps: [], Values: [], StatusCode: "InternalError",
            Messages: [{ Code: "Unsupported", Value: "The sandbox does not evaluate metric math expressions." }] });
          continue;
        }
        const metric = readMetric(stat.Metric, index);
        const period = Number(query.Period ?? stat.Period);
        if (![1, 5, 10, 20, 30].includes(period) && !(Number.isInteger(period) && period > 0 && period % 60 === 0)) {
          throw invalidParameter(`The value ${period} for parameter MetricDataQueries.member.${index + 1}.MetricStat.Period is not valid.`);
        }
        if (typeof stat.Stat !== "string" || !isSupportedStat(stat.Stat)) {
          throw invalidParameter(`The value ${String(stat.Stat)} for parameter MetricDataQueries.member.${index + 1}.MetricStat.Stat is not valid.`);
        }
        const points = periodValues(state, metric, stat.Stat, period, start.getTime(), end.getTime(), nowMs);
        if (!ascending) points.reverse();
        const from = index === position.query ? position.point : 0;
        const taken = points.slice(from, from + remaining);
        remaining -= taken.length;
        const complete = from + taken.length >= points.length;
        results.push({
          Id: id,
          Label: typeof query.Label === "string" ? query.Label : metric.MetricName,
          Timestamps: taken.map((point) => epochSeconds(point.t)),
          Values: taken.map((point) => point.value),
          StatusCode: complete ? "Complete" : "PartialData",
          Messages: [],
        });
        if (!complete) {
          nextToken = encodeNextToken({ query: index, point: from + taken.length });
          break;
        }
      }
      return { MetricDataResults: results, NextToken: nextToken, Messages: [] };
    },

    /** Data sent here wins over what a simulated service published for the periods it covers (AWS/ namespaces too, see README). */
    PutMetricData(region: string, body: Record<string, unknown>) {
      const input = cloudWatchInput(body);
      const namespace = input.requiredString("Namespace");
      const data = input.objectList("MetricData");
      if (!data || data.length === 0) throw cloudWatchParameterErrors.missing("MetricData");
      if (data.length > 1000) throw invalidParameter("The collection MetricData must not have more than 1000 members.");
      const nowMs = clock.now().getTime();
      const state = regionState(region);
      for (const [index, datum] of data.entries()) {
        const item = cloudWatchInput(datum);
        const metricName = item.requiredString("MetricName");
        const dimensions = readDimensions(item.objectList("Dimensions"));
        const at = (item.timestamp("Timestamp") ?? new Date(nowMs)).getTime();
        if (at < nowMs - TWO_WEEKS_MS || at > nowMs + 2 * 3_600_000) {
          throw invalidParameter(`The parameter MetricData.member.${index + 1}.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future.`);
        }
        const point = readDatapoint(datum, index, at);
        const key = metricKey(namespace, metricName, dimensions);
        const stored = (state.metrics[key] ??= { Namespace: namespace, MetricName: metricName, Dimensions: dimensions, points: [] });
        insertSorted(stored.points, point);
        if (stored.points.length > MAX_POINTS_PER_METRIC) stored.points.splice(0, stored.points.length - MAX_POINTS_PER_METRIC);
      }
      store.markDirty();
      return {};
    },

    ListMetrics(region: string, body: Record<string, unknown>) {
      const input = cloudWatchInput(body);
      const namespace = input.string("Namespace");
      const metricName = input.string("MetricName");
      const filters = readDimensions(input.objectList("Dimensions"), true);
      const token = input.string("NextToken");
      const state = regionState(region);
      const all = new Map<string, MetricIdentity>();
      const add = (metric: MetricIdentity) =>
        all.set(metricKey(metric.Namespace, metric.MetricName, metric.Dimensions), {
          Namespace: metric.Namespace, MetricName: metric.MetricName, Dimensions: metric.Dimensions ?? [] });
      // Like CloudWatch: metrics that received data, not the ones an alarm merely names.
      Object.values(state.metrics).forEach(add);
      publishedMetrics(state).forEach(add);
      const matching = [...all.entries()]
        .filter(([, metric]) => (namespace === undefined || metric.Namespace === namespace) &&
          (metricName === undefined || metric.MetricName === metricName) &&
          filters.every((filter) => metric.Dimensions?.some((d) => d.Name === filter.Name && (filter.Value === undefined || d.Value === filter.Value))))
        .sort(([a], [b]) => (a < b ? -1 : 1));
      const after = token ? decodeNextToken<{ after: string }>(token, invalidNextToken).after : undefined;
      const { page, lastKey } = pageAfter(matching, ([key]) => key, after, 500);
      return { Metrics: page.map(([, metric]) => metric), NextToken: lastKey === undefined ? undefined : encodeNextToken({ after: lastKey }) };
    },
  };
}

function raise(name: string): never {
  throw cloudWatchParameterErrors.missing(name);
}

function readMetric(raw: unknown, index: number): MetricIdentity & { Dimensions: Dimension[] } {
  const metric = (raw ?? {}) as Record<string, unknown>;
  if (typeof metric.Namespace !== "string" || typeof metric.MetricName !== "string") {
    throw invalidParameter(`MetricDataQueries.member.${index + 1}.MetricStat.Metric needs a Namespace and a MetricName.`);
  }
  return { Namespace: metric.Namespace, MetricName: metric.MetricName, Dimensions: readDimensions(metric.Dimensions as Record<string, unknown>[] | undefined) };
}

function readDatapoint(datum: Record<string, unknown>, index: number, t: number): StoredDatapoint {
  const invalid = () => invalidParameter(`The parameter MetricData.member.${index + 1} must have a finite Value, Values or StatisticValues.`);
  if (typeof datum.Value === "number" && Number.isFinite(datum.Value)) {
    return { t, sum: datum.Value, count: 1, min: datum.Value, max: datum.Value };
  }
  if (Array.isArray(datum.Values) && datum.Values.length > 0 && datum.Values.every((v) => typeof v === "number" && Number.isFinite(v))) {
    const values = datum.Values as number[];
    const counts = Array.isArray(datum.Counts) ? (datum.Counts as number[]) : values.map(() => 1);
    return {
      t,
      sum: values.reduce((total, value, i) => total + value * (counts[i] ?? 1), 0),
      count: counts.reduce((total, count) => total + count, 0),
      min: Math.min(...values),
      max: Math.max(...values),
    };
  }
  const stats = datum.StatisticValues as Record<string, unknown> | undefined;
  if (stats && [stats.SampleCount, stats.Sum, stats.Minimum, stats.Maximum].every((v) => typeof v === "number" && Number.isFinite(v))) {
    return { t, sum: stats.Sum as number, count: stats.SampleCount as number, min: stats.Minimum as number, max: stats.Maximum as number };
  }
  throw invalid();
}

function insertSorted(points: StoredDatapoint[], point: StoredDatapoint): void {
  let index = points.length;
  while (index > 0 && points[index - 1].t > point.t) index -= 1;
  points.splice(index, 0, point);
}
