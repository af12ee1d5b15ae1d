"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { discardPreviewAction, executeDeploymentAction, requestApprovalAction } from "../../actions";
import { IDLE } from "@/lib/auth/action-state";
import type { DeploymentOffer } from "@/lib/approvals/controls";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";
import { BreakGlassForm } from "./break-glass-form";

/** Deploy, request approval, or discard. What the user may do is decided (and re-checked) by the server. */
export function DeploymentControls({ deploymentId, offer, deployLabel }: { deploymentId: string; offer: DeploymentOffer; deployLabel: string }) {
  const router = useRouter();
  const [executed, execute, executing] = useActionState(executeDeploymentAction, IDLE);
  const [discarded, discard, discarding] = useActionState(discardPreviewAction, IDLE);
  const [requested, request, requesting] = useActionState(requestApprovalAction, IDLE);
  useEffect(() => {
    if (executed.status === "ok" || discarded.status === "ok" || requested.status === "ok") router.refresh();
  }, [executed.status, discarded.status, requested.status, router]);
  // An approver looking at someone else's request has nothing to do here (the approval panel has the buttons).
  if (!offer.notice && !offer.requestApproval && !offer.deploy && !offer.discard && !offer.breakGlass) return null;
  return (
    <div className="space-y-3">
      {offer.notice ? <Notice tone="amber">{offer.notice}</Notice> : null}
      {offer.requestApproval ? (
        <form action={request} className="max-w-xl space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <label htmlFor="approval-reason" className="block text-sm font-medium">Why is this change needed?</label>
          <textarea id="approval-reason" name="reason" required minLength={5} maxLength={1000} rows={2} className={inputClass} />
          <FieldError state={requested} field="reason" />
          <input type="hidden" name="deploymentId" value={deploymentId} />
          <button className={buttonClass("primary")} disabled={requesting}>{requesting ? "Requesting…" : "Request approval"}</button>
        </form>
      ) : null}
      {offer.deploy || offer.discard ? <div className="flex flex-wrap items-center gap-2">
        {offer.deploy ? (
          <form action={execute}>
            <input type="hidden" name="deploymentId" value={deploymentId} />
            <button className={buttonClass("primary")} disabled={executing}>{executing ? "Starting…" : deployLabel}</button>
          </form>
        ) : null}
        {offer.discard ? (
          <form action={discard}>
            <input type="hidden" name="deploymentId" value={deploymentId} />
            <button className={buttonClass("secondary")} disabled={discarding}>Discard preview</button>
          </form>
        ) : null}
      </div> : null}
      {offer.breakGlass ? <BreakGlassForm deploymentId={deploymentId} /> : null}
      {[executed, discarded, requested].map((s, i) => (s.status === "error" ? <Notice key={i} tone="red">{s.message}</Notice> : null))}
    </div>
  );
}
