// Metrics the sandbox's simulated services publish themselves (an RDS instance its CPU, an ECS service the CPU of
// its running tasks), as AWS's services do. A metric has datapoints only for the minutes in which its source
// published: never before the resource existed, never for a metric nothing publishes (GetMetricData answers no
// datapoints, like CloudWatch). The values are the deterministic synthetic profile of synthetic-metrics.ts.
import type { EmittedMetric } from "../core/contracts.ts";
import { metricKey, type MetricSource, type RegionState } from "./state.ts";

const MINUTE_MS = 60_000;
/** Spans kept per metric: enough for a long history of restarts, bounded for the state file. */
const MAX_SPANS = 200;

export function setEmitting(state: RegionState, metrics: EmittedMetric[], emitting: boolean, nowMs: number): boolean {
  const sources = (state.sources ??= {});
  let changed = false;
  for (const metric of metrics) {
    const key = metricKey(metric.Namespace, metric.MetricName, metric.Dimensions);
    const source = (sources[key] ??= { Namespace: metric.Namespace, MetricName: metric.MetricName, Dimensions: metric.Dimensions, spans: [] });
    const open = source.spans.at(-1);
    const isOpen = !!open && open.to === undefined;
    if (emitting && !isOpen) {
      source.spans.push({ from: nowMs });
      if (source.spans.length > MAX_SPANS) source.spans.splice(0, source.spans.length - MAX_SPANS);
      changed = true;
    } else if (!emitting && isOpen) {
      open.to = nowMs;
      changed = true;
    }
  }
  return changed;
}

/** Whether the metric's source published during the minute starting at `minuteStartMs`. */
export function publishedDuring(source: MetricSource | undefined, minuteStartMs: number): boolean {
  if (!source) return false;
  const minuteEnd = minuteStartMs + MINUTE_MS;
  return source.spans.some((span) => span.from < minuteEnd && (span.to === undefined || span.to > minuteStartMs));
}

export function publishedMetrics(state: RegionState): MetricSource[] {
  return Object.values(state.sources ?? {});
}
