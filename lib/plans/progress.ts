import type { PlanStackDto } from "./types.ts";

// Overall progress and time left of a plan, for the plan page and the CLI: stacks done over stacks to do, and the
// remaining time along the longest chain of dependencies (independent stacks run in parallel), each stack taking
// its usual duration (less what it already ran).

const FINISHED = new Set(["succeeded", "no_change", "failed", "rolled_back", "not_started", "cancelled"]);

export function planProgress(stacks: PlanStackDto[], now: Date): { done: number; total: number; percent: number; secondsLeft: number | null } {
  const total = stacks.length;
  const done = stacks.filter((s) => FINISHED.has(s.status)).length;
  const percent = total ? Math.round((done / total) * 100) : 100;
  if (done === total) return { done, total, percent, secondsLeft: 0 };
  const byTemplate = new Map(stacks.map((s) => [s.template, s]));
  const memo = new Map<string, number>();
  const finishIn = (s: PlanStackDto): number => {
    if (memo.has(s.template)) return memo.get(s.template)!;
    const upstream = Math.max(0, ...s.dependsOn.map((t) => byTemplate.get(t)).filter((u): u is PlanStackDto => !!u).map(finishIn));
    let own = FINISHED.has(s.status) ? 0 : s.expectedSeconds;
    if (s.status === "applying" && s.startedAt) own = Math.max(1, s.expectedSeconds - (now.getTime() - Date.parse(s.startedAt)) / 1000);
    const value = FINISHED.has(s.status) ? 0 : upstream + own;
    memo.set(s.template, value);
    return value;
  };
  return { done, total, percent, secondsLeft: Math.round(Math.max(0, ...stacks.map(finishIn))) };
}
