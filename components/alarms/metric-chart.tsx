import type { ChartModel } from "@/lib/alarms/chart";

/**
 * A metric graph drawn from a server-computed model (lib/alarms/chart.ts): the metric line, the threshold as a
 * dashed red line, ALARM periods shaded red. Pure SVG, no client code.
 */
export function MetricChart({ model, title }: { model: ChartModel; title: string }) {
  const { plot } = model;
  return (
    <svg viewBox={`0 0 ${model.width} ${model.height}`} role="img" aria-label={title} data-testid="metric-chart" data-points={model.pointCount} className="h-auto w-full">
      <title>{title}</title>
      {model.shaded.map((s, i) => (
        <rect key={i} x={s.x} y={plot.top} width={s.width} height={plot.bottom - plot.top} className="fill-red-500/15" data-testid="alarm-period" />
      ))}
      {model.yTicks.map((t) => (
        <g key={`y${t.label}`}>
          <line x1={plot.left} x2={plot.right} y1={t.y} y2={t.y} className="stroke-slate-200" />
          <text x={plot.left - 6} y={t.y} dy="0.32em" textAnchor="end" className="fill-slate-500 text-[10px]">{t.label}</text>
        </g>
      ))}
      {model.xTicks.map((t) => (
        <text key={`x${t.x}`} x={t.x} y={plot.bottom + 15} textAnchor="middle" className="fill-slate-500 text-[10px]">{t.label}</text>
      ))}
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} className="stroke-slate-300" />
      {model.line ? <path d={model.line} fill="none" className="stroke-sky-600" strokeWidth={1.5} strokeLinejoin="round" /> : null}
      {model.thresholdY !== null ? (
        <line x1={plot.left} x2={plot.right} y1={model.thresholdY} y2={model.thresholdY} className="stroke-red-600" strokeDasharray="6 4" strokeWidth={1.25} data-testid="threshold" />
      ) : null}
      {!model.line ? (
        <text x={(plot.left + plot.right) / 2} y={(plot.top + plot.bottom) / 2} textAnchor="middle" className="fill-slate-500 text-xs">No data points in this range</text>
      ) : null}
    </svg>
  );
}

/** A small line without axes (stack page). */
export function Sparkline({ model, label }: { model: ChartModel; label: string }) {
  return (
    <svg viewBox={`0 0 ${model.width} ${model.height}`} width={model.width} height={model.height} role="img" aria-label={label} data-testid="sparkline">
      {model.shaded.map((s, i) => <rect key={i} x={s.x} y={0} width={s.width} height={model.height} className="fill-red-500/15" />)}
      {model.thresholdY !== null ? <line x1={0} x2={model.width} y1={model.thresholdY} y2={model.thresholdY} className="stroke-red-400" strokeDasharray="3 2" /> : null}
      {model.line ? <path d={model.line} fill="none" className="stroke-sky-600" strokeWidth={1.25} /> : null}
    </svg>
  );
}
