import { formatPeriod, formatValue } from "@/lib/alarms/format";
import type { AlarmDetail } from "@/lib/alarms/types";

export function AlarmConfig({ alarm }: { alarm: AlarmDetail }) {
  const rows: [string, string][] = [
    ["Metric", [alarm.namespace, alarm.metricName].filter(Boolean).join(" / ") || "—"],
    ["Dimensions", alarm.dimensions.map((d) => `${d.name}=${d.value}`).join(", ") || "—"],
    ["Statistic", alarm.statistic ?? "—"],
    ["Period", formatPeriod(alarm.period)],
    ["Condition", alarm.condition],
    ["Threshold", formatValue(alarm.threshold)],
    ["Datapoints to alarm", `${alarm.datapointsToAlarm ?? alarm.evaluationPeriods ?? "—"} of ${alarm.evaluationPeriods ?? "—"}`],
    ["Missing data", alarm.treatMissingData ?? "missing"],
    ["Actions", alarm.actionsEnabled ? "enabled" : "disabled"],
    ["Stack resource", `${alarm.stack} / ${alarm.resource}`],
    ["Region", alarm.region],
    ["ARN", alarm.arn ?? "—"],
  ];
  return (
    <section aria-labelledby="configuration">
      <h2 id="configuration" className="mb-2 text-base font-semibold">Configuration</h2>
      {alarm.description ? <p className="mb-2 text-sm text-slate-600">{alarm.description}</p> : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="break-all font-mono text-xs leading-5">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
