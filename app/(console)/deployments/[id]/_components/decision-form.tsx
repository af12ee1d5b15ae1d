"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { approveDeploymentAction, rejectDeploymentAction } from "../../actions";
import { IDLE } from "@/lib/auth/action-state";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";

/** Approve or reject with a comment; the server decides whether this person may. */
export function DecisionForm({ deploymentId }: { deploymentId: string }) {
  const router = useRouter();
  const [approved, approve, approving] = useActionState(approveDeploymentAction, IDLE);
  const [rejected, reject, rejecting] = useActionState(rejectDeploymentAction, IDLE);
  useEffect(() => {
    if (approved.status === "ok" || rejected.status === "ok") router.refresh();
  }, [approved.status, rejected.status, router]);
  return (
    <form className="max-w-xl space-y-2">
      <label htmlFor="decision-comment" className="block text-sm font-medium">Comment</label>
      <textarea id="decision-comment" name="comment" required maxLength={1000} rows={2} className={inputClass} />
      <FieldError state={approved.status === "error" ? approved : rejected} field="comment" />
      <input type="hidden" name="deploymentId" value={deploymentId} />
      <div className="flex gap-2">
        <button formAction={approve} className={buttonClass("primary")} disabled={approving || rejecting}>{approving ? "Approving…" : "Approve"}</button>
        <button formAction={reject} className={buttonClass("danger")} disabled={approving || rejecting}>{rejecting ? "Rejecting…" : "Reject"}</button>
      </div>
      {[approved, rejected].map((s, i) => (s.status === "error" ? <Notice key={i} tone="red">{s.message}</Notice> : null))}
    </form>
  );
}
