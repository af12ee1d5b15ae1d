"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { PlanDto } from "@/lib/plans/types";
import { PlanTimeline } from "@/components/plans/plan-timeline";
import { PlanStatusBadge } from "@/components/plans/status";
import { PlanStacks } from "@/components/plans/plan-stacks";
import { ProgressBar } from "@/components/deployments/progress-bar";

/** The plan as the stream sends it (`event: plan`); the page's controls are refreshed when the status moves. */
export function LivePlan({ initial, controls }: { initial: PlanDto; controls: ReactNode }) {
  const [plan, setPlan] = useState(initial);
  const [now, setNow] = useState(() => Date.now());
  const router = useRouter();
  const status = useRef(initial.status);
  useEffect(() => {
    const source = new EventSource(`/api/v1/plans/${initial.id}/events`);
    source.addEventListener("plan", (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as PlanDto;
      setPlan(next);
      if (next.status !== status.current) {
        status.current = next.status;
        router.refresh();
      }
    });
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => (source.close(), clearInterval(tick));
  }, [initial.id, router]);
  const left = plan.progress.secondsLeft;
  return (
    <>
      <section aria-label="Progress" className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
        <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
          <PlanStatusBadge status={plan.status} />
          <span data-testid="plan-progress">{plan.progress.done} of {plan.progress.total} stacks done</span>
          {left !== null && left > 0 && !plan.finishedAt ? <span className="text-slate-500">about {left >= 60 ? `${Math.round(left / 60)} min` : `${left} s`} left</span> : null}
          {plan.costDelta ? <span className="text-slate-600">cost {plan.costDelta.monthlyDelta >= 0 ? "+" : "−"}${Math.abs(plan.costDelta.monthlyDelta).toFixed(2)}/month</span> : null}
        </div>
        <ProgressBar done={plan.progress.done} total={plan.progress.total} unit="stacks" label="Plan progress" tone={plan.status === "failed" ? "red" : plan.status === "succeeded" ? "green" : "blue"} />
        {plan.resultReason ? <p className="mt-2 text-sm text-slate-700" data-testid="plan-result">{plan.resultReason}</p> : null}
      </section>
      {controls}
      <h2 className="mb-2 mt-6 text-base font-semibold text-slate-900">Timeline</h2>
      <PlanTimeline plan={plan} now={now} />
      <h2 className="mb-2 mt-6 text-base font-semibold text-slate-900">Stacks</h2>
      <PlanStacks plan={plan} />
    </>
  );
}
