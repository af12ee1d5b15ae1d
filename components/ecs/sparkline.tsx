import { buildChartModel } from "@/lib/alarms/chart";
import { Sparkline as ChartSparkline } from "@/components/alarms/metric-chart";
import type { SeriesPoint } from "@/lib/ecs/types";

const WIDTH = 160;
const HEIGHT = 36;

/** A utilisation series (%) as the app's sparkline (the alarms charts' geometry), with latest and peak in words. */
export function UtilisationSparkline({ label, points }: { label: string; points: SeriesPoint[] }) {
  if (points.length < 2) {
    return (
      <div className="text-xs text-slate-500">
        <span className="font-medium text-slate-700">{label}</span> · no data yet
      </div>
    );
  }
  const series = points.map((p) => ({ t: Date.parse(p.at), v: p.value }));
  const model = buildChartModel({
    points: series, threshold: null, alarmPeriods: [], start: series[0]!.t, end: series.at(-1)!.t, width: WIDTH, height: HEIGHT, bare: true,
  });
  const latest = points.at(-1)!.value;
  const peak = Math.max(...points.map((p) => p.value));
  return (
    <figure className="flex items-center gap-3">
      <div className="shrink-0 rounded bg-slate-50">
        <ChartSparkline model={model} label={`${label} utilisation, last 3 hours: now ${latest.toFixed(1)}%, peak ${peak.toFixed(1)}%`} />
      </div>
      <figcaption className="text-xs text-slate-600 tabular-nums">
        <span className="block font-medium text-slate-700">{label}</span>
        {latest.toFixed(1)}% now · peak {peak.toFixed(1)}%
      </figcaption>
    </figure>
  );
}
