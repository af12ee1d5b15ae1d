import { scaleLinear, scaleTime } from "d3-scale";
import { line } from "d3-shape";
import { formatValue } from "./format.ts";

// The geometry of a metric chart, computed on the server with d3-scale and d3-shape: React renders the SVG from
// these numbers and strings, so the browser gets markup and no charting code.

export interface ChartInput {
  points: { t: number; v: number }[];
  threshold: number | null;
  /** Time ranges (epoch ms) when the alarm was in ALARM. */
  alarmPeriods: { from: number; to: number }[];
  start: number;
  end: number;
  width: number;
  height: number;
  /** Sparklines: no axes, no margins. */
  bare?: boolean;
}

export interface ChartModel {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  line: string | null;
  pointCount: number;
  thresholdY: number | null;
  shaded: { x: number; width: number }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
}

const MARGIN = { left: 48, top: 8, right: 12, bottom: 22 };

export function buildChartModel(input: ChartInput): ChartModel {
  const margin = input.bare ? { left: 1, top: 2, right: 1, bottom: 2 } : MARGIN;
  const plot = { left: margin.left, top: margin.top, right: input.width - margin.right, bottom: input.height - margin.bottom };
  const values = input.points.map((p) => p.v);
  if (input.threshold !== null) values.push(input.threshold);
  const low = Math.min(0, ...values);
  const high = values.length ? Math.max(...values) : 1;
  const x = scaleTime().domain([new Date(input.start), new Date(input.end)]).range([plot.left, plot.right]).clamp(true);
  const y = scaleLinear().domain([low, high === low ? low + 1 : high * 1.05]).range([plot.bottom, plot.top]).nice(input.bare ? undefined : 4);
  const path = line<{ t: number; v: number }>().x((p) => x(new Date(p.t))).y((p) => y(p.v));
  const shaded = input.alarmPeriods
    .map((p) => ({ from: Math.max(p.from, input.start), to: Math.min(p.to, input.end) }))
    .filter((p) => p.to > p.from)
    .map((p) => ({ x: x(new Date(p.from)), width: Math.max(1, x(new Date(p.to)) - x(new Date(p.from))) }));
  const tickFormat = x.tickFormat();
  return {
    width: input.width,
    height: input.height,
    plot,
    line: input.points.length ? path(input.points) : null,
    pointCount: input.points.length,
    thresholdY: input.threshold === null ? null : y(input.threshold),
    shaded,
    xTicks: input.bare ? [] : x.ticks(6).map((t) => ({ x: x(t), label: tickFormat(t) })),
    yTicks: input.bare ? [] : y.ticks(4).map((v) => ({ y: y(v), label: formatValue(v) })),
  };
}

/** ALARM periods from state transitions (oldest first); `current` is the state now, for a range with no transition. */
export function alarmPeriodsFrom(
  transitions: { at: number; fromState: string | null; toState: string }[],
  range: { start: number; end: number },
  current: string,
): { from: number; to: number }[] {
  const sorted = [...transitions].sort((a, b) => a.at - b.at);
  const periods: { from: number; to: number }[] = [];
  let state = sorted[0]?.fromState ?? (sorted.length ? null : current);
  let since = range.start;
  for (const t of sorted) {
    if (state === "ALARM" && t.toState !== "ALARM") periods.push({ from: since, to: t.at });
    if (t.toState === "ALARM" && state !== "ALARM") since = t.at;
    state = t.toState;
  }
  if (state === "ALARM") periods.push({ from: since, to: range.end });
  return periods.filter((p) => p.to > range.start && p.from < range.end);
}
