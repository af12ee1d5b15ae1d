import Link from "next/link";
import type { PlanDto, PlanStackDto } from "@/lib/plans/types";
import { PlanStackStatusBadge } from "./status";

// One row per stack in plan order: a grey bar while it waits, blue while it runs (with its usual duration
// ahead, faint), green once done, red when it failed, amber when it rolled back; a dashed outline for stacks
// that never started. The axis runs from the plan's start to its end (or now, plus the time left).

const BAR: Record<string, string> = {
  running: "bg-sky-500", succeeded: "bg-emerald-500", failed: "bg-red-500", rolled_back: "bg-amber-500", no_change: "bg-emerald-200",
};

export function PlanTimeline({ plan, now }: { plan: PlanDto; now: number }) {
  const t0 = Date.parse(plan.startedAt ?? plan.createdAt);
  const end = plan.finishedAt ? Date.parse(plan.finishedAt) : now + (plan.progress.secondsLeft ?? 0) * 1000;
  const span = Math.max(1000, end - t0);
  const pct = (t: number) => `${Math.min(100, Math.max(0, ((t - t0) / span) * 100))}%`;
  const width = (a: number, b: number) => `${Math.max(0.6, Math.min(100, ((b - a) / span) * 100))}%`;
  return (
    <div role="table" aria-label="Plan timeline" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
      {plan.stacks.map((s) => (
        <div role="row" key={s.template} data-testid={`timeline-${s.template}`} data-status={s.status} className="grid grid-cols-[11rem_7rem_1fr_6rem] items-center gap-3 border-b border-slate-100 py-1.5 last:border-0">
          <span role="cell" className="truncate font-medium">
            {s.deploymentId ? <Link href={`/deployments/${s.deploymentId}`} className="text-sky-700 hover:underline">{s.name}</Link> : s.name}
          </span>
          <span role="cell"><PlanStackStatusBadge status={s.status} /></span>
          <span role="cell" className="relative h-4 rounded bg-slate-50" aria-label={describe(s)}>
            <Bars stack={s} t0={t0} now={now} pct={pct} width={width} />
          </span>
          <span role="cell" className="text-right text-xs text-slate-500">{duration(s, now)}</span>
        </div>
      ))}
    </div>
  );
}

function Bars({ stack: s, t0, now, pct, width }: { stack: PlanStackDto; t0: number; now: number; pct: (t: number) => string; width: (a: number, b: number) => string }) {
  if (s.status === "not_started" || s.status === "cancelled") return <span className="absolute inset-y-0.5 left-0 right-0 rounded border border-dashed border-slate-300" />;
  if (s.status === "no_change") return <span className="absolute inset-y-1.5 left-0 right-0 rounded bg-emerald-100" title="no change" />;
  const started = s.startedAt ? Date.parse(s.startedAt) : null;
  const finished = s.finishedAt ? Date.parse(s.finishedAt) : null;
  const waitingUntil = started ?? (finished ?? now);
  const running = s.status === "applying";
  const kind = running ? "running" : s.status;
  return (
    <>
      <span className="absolute inset-y-1 rounded bg-slate-200" style={{ left: pct(t0), width: width(t0, waitingUntil) }} />
      {started ? <span className={`absolute inset-y-0 rounded ${BAR[kind] ?? "bg-slate-300"}`} style={{ left: pct(started), width: width(started, finished ?? now) }} /> : null}
      {running && started ? <span className="absolute inset-y-0 rounded bg-sky-200" style={{ left: pct(now), width: width(now, Math.max(now, started + s.expectedSeconds * 1000)) }} /> : null}
    </>
  );
}

function describe(s: PlanStackDto): string {
  if (s.status === "applying") return `${s.name}: running since ${s.startedAt}`;
  if (s.startedAt && s.finishedAt) return `${s.name}: ${s.status.replace("_", " ")} after ${Math.round((Date.parse(s.finishedAt) - Date.parse(s.startedAt)) / 1000)} s`;
  return `${s.name}: ${s.status.replace("_", " ")}`;
}

function duration(s: PlanStackDto, now: number): string {
  if (!s.startedAt) return s.status === "no_change" ? "no change" : "";
  const seconds = Math.round(((s.finishedAt ? Date.parse(s.finishedAt) : now) - Date.parse(s.startedAt)) / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}
