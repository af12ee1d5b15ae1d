import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { getAlarm } from "@/lib/alarms/queries";
import { chartRangeSchema, type ChartRange } from "@/lib/alarms/schema";
import { alarmHistory, alarmSeries, RANGES } from "@/lib/alarms/metrics";
import { alarmPeriodsFrom, buildChartModel } from "@/lib/alarms/chart";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { AlarmStateBadge, formatTime } from "@/components/alarms/alarm-state-badge";
import { MetricChart } from "@/components/alarms/metric-chart";
import { AlarmsLiveRefresh } from "@/components/alarms/live-refresh";
import { AlarmConfig } from "./_components/alarm-config";
import { AlarmHistory, type HistoryRow } from "./_components/alarm-history";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Alarm ${decodeURIComponent((await params).name)}` };
}

export default async function AlarmPage({ params, searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const name = decodeURIComponent((await params).name);
  const range = chartRangeSchema.parse((await searchParams).range);
  // An alarm removed with its stack (or never there) is a 404, not an error.
  const alarm = await getAlarm(getDb(), actor, { environment: environment.key, name }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  // On-demand CloudWatch reads for this viewer (cached a minute per alarm and range); the page still renders without them.
  const [series, history] = await Promise.all([alarmSeries(alarm, range).catch(() => null), alarmHistory(alarm, range).catch(() => null)]);
  const stored: HistoryRow[] = alarm.changes.map((c) => ({ at: c.at, fromState: c.fromState, toState: c.toState, summary: c.reason ?? "" }));
  const rows: HistoryRow[] = history
    ? history.filter((h) => h.toState).map((h) => ({ at: h.timestamp.toISOString(), fromState: h.fromState, toState: h.toState!, summary: h.summary }))
    : stored;
  const end = series?.end ?? Date.now();
  const window = { start: end - RANGES[range].ms, end };
  const transitions = rows.map((r) => ({ at: Date.parse(r.at), fromState: r.fromState, toState: r.toState }));
  const model = buildChartModel({
    points: series?.points ?? [], threshold: alarm.threshold, alarmPeriods: alarmPeriodsFrom(transitions, window, alarm.state),
    ...window, width: 840, height: 260,
  });
  const tab = (r: ChartRange) => `/alarms/${encodeURIComponent(name)}?env=${environment.key}&range=${r}`;
  return (
    <>
      <AlarmsLiveRefresh environment={environment.key} />
      <p className="mb-2 text-sm"><Link href={`/alarms?env=${environment.key}`} className="text-sky-700 hover:underline">← Alarms</Link></p>
      <PageHeader
        title={alarm.name}
        description={<>Stack <Link href={`/stacks/${alarm.stack}`} className="text-sky-700 hover:underline">{alarm.stack}</Link> · resource {alarm.resource} · {alarm.condition} · since {formatTime(alarm.since)}</>}
        actions={<AlarmStateBadge state={alarm.state} />}
      />
      <div className="space-y-8">
        {alarm.state === "ALARM" && alarm.stateReason ? <Notice tone="red">{alarm.stateReason}</Notice> : null}
        <section aria-labelledby="metric">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h2 id="metric" className="text-base font-semibold">{alarm.metricName ?? "Metric"} ({alarm.statistic ?? "Average"})</h2>
            <nav aria-label="Time range" className="flex gap-1 text-sm">
              {(Object.keys(RANGES) as ChartRange[]).map((r) => (
                <Link key={r} href={tab(r)} aria-current={r === range ? "page" : undefined}
                  className={`rounded-md px-2.5 py-1 ring-1 ring-inset ${r === range ? "bg-slate-900 text-white ring-slate-900" : "ring-slate-300 hover:bg-slate-50"}`}>{r}</Link>
              ))}
            </nav>
          </div>
          {series ? null : <Notice tone="amber">CloudWatch did not answer for the metric data; try again in a minute.</Notice>}
          <div className="rounded-lg border border-slate-200 bg-white p-3">
            <MetricChart model={model} title={`${alarm.metricName ?? "Metric"} over the last ${RANGES[range].label}, threshold ${alarm.threshold ?? "—"}`} />
            <p className="mt-1 text-xs text-slate-500">Dashed red line: threshold. Red bands: the alarm was in ALARM.</p>
          </div>
        </section>
        <div className="grid gap-6 xl:grid-cols-2">
          <AlarmConfig alarm={alarm} />
          <AlarmHistory rows={rows} source={history ? `From CloudWatch (DescribeAlarmHistory), last ${RANGES[range].label}.` : "CloudWatch's history is unavailable: state changes recorded by Stackdeck."} />
        </div>
      </div>
    </>
  );
}
