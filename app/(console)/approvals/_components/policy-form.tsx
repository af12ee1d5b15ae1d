"use client";

import { useActionState } from "react";
import { updateApprovalPolicyAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import type { ApprovalPolicyView } from "@/lib/approvals/types";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";

/** One environment's approval policy, for admins (the server checks users:manage). */
export function PolicyForm({ policy }: { policy: ApprovalPolicyView }) {
  const [state, action, pending] = useActionState(updateApprovalPolicyAction, IDLE);
  const id = (field: string) => `policy-${policy.environment}-${field}`;
  return (
    <form action={action} aria-label={`Approval policy of ${policy.environmentName}`} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="text-sm font-semibold">{policy.environmentName}</h3>
      <input type="hidden" name="environment" value={policy.environment} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="requiresApproval" defaultChecked={policy.requiresApproval} /> Changes need approval
      </label>
      <div className="flex flex-wrap gap-3">
        <div className="w-32">
          <label htmlFor={id("approvers")} className="mb-1 block text-xs font-medium">Approvers</label>
          <input id={id("approvers")} name="approvers" type="number" min={1} max={3} defaultValue={policy.approvers} className={inputClass} />
          <FieldError state={state} field="approvers" />
        </div>
        <div className="w-32">
          <label htmlFor={id("validity")} className="mb-1 block text-xs font-medium">Valid for (hours)</label>
          <input id={id("validity")} name="validityHours" type="number" min={1} max={720} defaultValue={policy.validityHours} className={inputClass} />
          <FieldError state={state} field="validityHours" />
        </div>
        <div className="w-48">
          <label htmlFor={id("cost")} className="mb-1 block text-xs font-medium">One more approver above ($/month)</label>
          <input id={id("cost")} name="costThresholdUsd" type="number" min={0} placeholder="no cost rule" defaultValue={policy.costThresholdUsd ?? ""} className={inputClass} />
          <FieldError state={state} field="costThresholdUsd" />
        </div>
      </div>
      <button className={buttonClass("secondary")} disabled={pending}>{pending ? "Saving…" : "Save policy"}</button>
      {state.status === "error" ? <Notice tone="red">{state.message}</Notice> : null}
      {state.status === "ok" ? <Notice tone="green">{state.message}</Notice> : null}
    </form>
  );
}
