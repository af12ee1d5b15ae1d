import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { getAlarm } from "@/lib/alarms/queries";
import { chartRangeSchema, type ChartRange } from "@/lib/alarms/schema";
import { RANGES } from "@/lib/alarms/metrics";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { AlarmStateBadge, formatTime } from "@/components/alarms/alarm-state-badge";
import { AlarmsLiveRefresh } from "@/components/alarms/live-refresh";
import { AlarmConfig } from "./_components/alarm-config";
import { AlarmHistory, type HistoryRow } from "./_components/alarm-history";
import { AlarmGraph } from "./_components/alarm-graph";

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
  // Every state change the alarm refresh recorded (it reads DescribeAlarmHistory each run, so none is missed).
  const since = Date.now() - RANGES[range].ms;
  const rows: HistoryRow[] = alarm.changes
    .filter((c) => Date.parse(c.at) >= since)
    .map((c) => ({ at: c.at, fromState: c.fromState, toState: c.toState, summary: c.reason ?? "" }));
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
          <Suspense fallback={<div className="h-64 rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-500">Loading the graph from CloudWatch…</div>}>
            <AlarmGraph alarm={alarm} range={range} />
          </Suspense>
        </section>
        <div className="grid gap-6 xl:grid-cols-2">
          <AlarmConfig alarm={alarm} />
          <AlarmHistory rows={rows} source={`Every state change in the last ${RANGES[range].label}, as recorded from CloudWatch's alarm history (read every 10 s).`} />
        </div>
      </div>
    </>
  );
}
