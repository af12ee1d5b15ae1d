import { priceKeys } from "../catalog.ts";
import { pricedLine, unresolvedLine } from "../lines.ts";
import type { ResolvedResource } from "../types.ts";
import { readNumber } from "../values.ts";
import { assumption, type Pricer } from "./context.ts";

/** AWS::Logs::LogGroup: logsGbIngested and logsGbStored are PER LOG GROUP, so that estimates of separate stacks
 * add up to the environment's figure (an environment-wide total split across the log groups of one stack would
 * be counted again in every other stack). */
export const priceLogGroup: Pricer = (resource, context) => {
  const ingested = assumption(context, "logsGbIngested");
  const stored = assumption(context, "logsGbStored");
  return [
    pricedLine(resource, context.catalog, {
      description: "Log data ingested",
      quantity: ingested.value,
      unit: "GB",
      priceKey: priceKeys.logsIngest,
      kind: "usage",
      ...(ingested.note ? { note: ingested.note } : {}),
    }),
    pricedLine(resource, context.catalog, {
      description: "Log data stored",
      quantity: stored.value,
      unit: "GB-months",
      priceKey: priceKeys.logsStorage,
      kind: "usage",
      ...(stored.note ? { note: stored.note } : {}),
    }),
  ];
};

/** AWS::CloudWatch::Alarm: billed per metric the alarm evaluates (metric math counts each MetricStat), at the
 * high-resolution rate when the period is under 60 seconds. The first 10 free alarms are an account-wide free
 * tier and are not subtracted. */
export const priceAlarm: Pricer = (resource, context) => {
  const metrics = alarmMetrics(resource);
  if (metrics.kind === "unresolved") return [unresolvedLine(resource, "Alarm", "Period", metrics.raw)];
  const resolution = metrics.highResolution ? "high resolution" : "standard resolution";
  return [
    pricedLine(resource, context.catalog, {
      description: `Alarm, ${resolution} (${metrics.count} metric${metrics.count === 1 ? "" : "s"})`,
      quantity: metrics.count,
      unit: "alarm metrics",
      priceKey: metrics.highResolution ? priceKeys.alarmHighResolution : priceKeys.alarmStandard,
      kind: "fixed",
    }),
  ];
};

type AlarmMetrics = { kind: "metrics"; count: number; highResolution: boolean } | { kind: "unresolved"; raw: unknown };

function alarmMetrics(resource: ResolvedResource): AlarmMetrics {
  const { Metrics: metrics, Period: period } = resource.properties;
  const stats = Array.isArray(metrics)
    ? metrics.map((m) => (m as Record<string, unknown>)?.MetricStat as Record<string, unknown> | undefined).filter((s) => s)
    : [];
  const periods = Array.isArray(metrics) ? stats.map((s) => s?.Period) : [period];
  let highResolution = false;
  for (const value of periods) {
    const seconds = readNumber(value);
    if (seconds.kind === "unresolved") return { kind: "unresolved", raw: seconds.raw };
    if (seconds.kind === "value" && seconds.value < 60) highResolution = true;
  }
  return { kind: "metrics", count: Array.isArray(metrics) ? Math.max(1, stats.length) : 1, highResolution };
}
