"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { approvePlanAction, cancelPlanAction, executePlanAction, rejectPlanAction } from "../../actions";
import { IDLE } from "@/lib/auth/action-state";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";

export interface PlanOffer {
  decide: boolean;
  execute: boolean;
  cancel: boolean;
}

/** What this person may do with the plan now (the server re-checks everything). */
export function PlanControls({ planId, offer }: { planId: string; offer: PlanOffer }) {
  const router = useRouter();
  const [approved, approve, approving] = useActionState(approvePlanAction, IDLE);
  const [rejected, reject, rejecting] = useActionState(rejectPlanAction, IDLE);
  const [executed, execute, executing] = useActionState(executePlanAction, IDLE);
  const [cancelled, cancel, cancelling] = useActionState(cancelPlanAction, IDLE);
  const states = [approved, rejected, executed, cancelled];
  const done = states.some((s) => s.status === "ok");
  useEffect(() => {
    if (done) router.refresh();
  }, [done, approved, rejected, executed, cancelled, router]);
  if (!offer.decide && !offer.execute && !offer.cancel) return null;
  return (
    <section aria-label="Plan actions" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      {offer.decide ? (
        <form className="max-w-xl space-y-2" aria-label="Approve or reject the plan">
          <label htmlFor="plan-comment" className="block text-sm font-medium">Comment</label>
          <textarea id="plan-comment" name="comment" required maxLength={1000} rows={2} className={inputClass} />
          <FieldError state={approved.status === "error" ? approved : rejected} field="comment" />
          <input type="hidden" name="planId" value={planId} />
          <div className="flex gap-2">
            <button formAction={approve} className={buttonClass("primary")} disabled={approving || rejecting}>{approving ? "Approving…" : "Approve plan"}</button>
            <button formAction={reject} className={buttonClass("danger")} disabled={approving || rejecting}>{rejecting ? "Rejecting…" : "Reject plan"}</button>
          </div>
        </form>
      ) : null}
      <div className="flex gap-2">
        {offer.execute ? (
          <form action={execute}><input type="hidden" name="planId" value={planId} /><button className={buttonClass("primary")} disabled={executing}>{executing ? "Starting…" : "Apply plan"}</button></form>
        ) : null}
        {offer.cancel ? (
          <form action={cancel}><input type="hidden" name="planId" value={planId} /><button className={buttonClass("secondary")} disabled={cancelling}>{cancelling ? "Cancelling…" : "Cancel plan"}</button></form>
        ) : null}
      </div>
      {states.map((s, i) => (s.status === "error" ? <Notice key={i} tone="red">{s.message}</Notice> : s.status === "ok" ? <Notice key={i} tone="green">{s.message}</Notice> : null))}
    </section>
  );
}
