"use client";

import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { executeDeploymentAction } from "../../actions";
import { IDLE } from "@/lib/auth/action-state";
import { BREAK_GLASS_MIN_REASON } from "@/lib/approvals/limits";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";

/** Emergency access for admins: deploy without approval, with a typed reason and an explicit confirmation. */
export function BreakGlassForm({ deploymentId }: { deploymentId: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(executeDeploymentAction, IDLE);
  const [confirmed, setConfirmed] = useState(false);
  useEffect(() => {
    if (state.status === "ok") router.refresh();
  }, [state.status, router]);
  return (
    <details className="max-w-xl rounded-lg border border-red-300 bg-red-50 p-3">
      <summary className="cursor-pointer text-sm font-medium text-red-800">Break glass (emergency access)</summary>
      <form action={action} className="mt-3 space-y-2">
        <p className="text-sm text-red-800">Deploys without approval. It is recorded as emergency access and marked in red on this deployment and in the audit log.</p>
        <label htmlFor="break-glass-reason" className="block text-sm font-medium">Reason</label>
        <textarea id="break-glass-reason" name="reason" required minLength={BREAK_GLASS_MIN_REASON} maxLength={1000} rows={2} className={inputClass} />
        <FieldError state={state} field="reason" />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          I understand this bypasses the approval policy.
        </label>
        <input type="hidden" name="deploymentId" value={deploymentId} />
        <input type="hidden" name="breakGlass" value="true" />
        <button className={buttonClass("danger")} disabled={!confirmed || pending}>{pending ? "Starting…" : "Deploy without approval"}</button>
        {state.status === "error" ? <Notice tone="red">{state.message}</Notice> : null}
      </form>
    </details>
  );
}
