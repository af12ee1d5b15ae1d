import { RANGES } from "@/lib/alarms/metrics";
import { viewedAlarmSeries } from "@/lib/alarms/viewed-series";
import { getDb } from "@/lib/db/client";
import { alarmPeriodsFrom, buildChartModel } from "@/lib/alarms/chart";
import type { ChartRange } from "@/lib/alarms/schema";
import type { AlarmDetail } from "@/lib/alarms/types";
import { Notice } from "@/components/ui/notice";
import { MetricChart } from "@/components/alarms/metric-chart";

/**
 * The alarm's metric over the chosen range, read from CloudWatch when a person opens this alarm (cached a minute
 * per alarm and range, shared by every viewer, counted in the AWS call budget) and streamed in after the rest of
 * the page, which never waits for it. The red bands come from the stored state changes.
 */
export async function AlarmGraph({ alarm, range }: { alarm: AlarmDetail; range: ChartRange }) {
  const series = await viewedAlarmSeries(getDb(), alarm, range).catch(() => null);
  const end = series?.end ?? Date.now();
  const window = { start: end - RANGES[range].ms, end };
  const transitions = alarm.changes.map((c) => ({ at: Date.parse(c.at), fromState: c.fromState, toState: c.toState }));
  const model = buildChartModel({
    points: series?.points ?? [], threshold: alarm.threshold, alarmPeriods: alarmPeriodsFrom(transitions, window, alarm.state),
    ...window, width: 840, height: 260,
  });
  return (
    <>
      {series ? null : <Notice tone="amber">CloudWatch did not answer for the metric data; try again in a minute.</Notice>}
      <div className="rounded-lg border border-slate-200 bg-white p-3">
        <MetricChart model={model} title={`${alarm.metricName ?? "Metric"} over the last ${RANGES[range].label}, threshold ${alarm.threshold ?? "—"}`} />
        <p className="mt-1 text-xs text-slate-500">Dashed red line: threshold. Red bands: the alarm was in ALARM.</p>
      </div>
    </>
  );
}
