"use client";

import { useActionState } from "react";
import { requestChangeAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { ParameterForm, type ParameterField } from "@/components/templates/parameter-form";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";

export interface ChangeFormProps {
  environment: string;
  template: string;
  action: "create" | "update";
  stackName?: string; // update: the stack; create: the default name
  fields: ParameterField[];
  clientToken: string; // makes a double submit one change, not two
  /** The environment requires approval: the auto-apply option then waits for the approvers. */
  requiresApproval: boolean;
}

/** Parameters for a new stack or an update; submitting previews the change set (nothing is applied yet). */
export function ChangeForm({ environment, template, action, stackName, fields, clientToken, requiresApproval }: ChangeFormProps) {
  const [state, formAction, pending] = useActionState(requestChangeAction, IDLE);
  return (
    <form action={formAction} aria-label="Change parameters" className="space-y-5">
      <input type="hidden" name="environment" value={environment} />
      <input type="hidden" name="template" value={template} />
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="clientToken" value={clientToken} />
      {action === "update" ? <input type="hidden" name="stackName" value={stackName} /> : (
        <div className="max-w-md">
          <label htmlFor="stack-name" className="mb-1 block text-sm font-medium">Stack name</label>
          <input id="stack-name" name="stackName" defaultValue={stackName} className={`${inputClass} font-mono`} maxLength={128} />
          <p className="mt-1 text-xs text-slate-500">{`${environment}-${template}`} or {`${environment}-${template}-<suffix>`}</p>
        </div>
      )}
      <ParameterForm fields={fields} state={state} />
      <div className="max-w-xl">
        <label htmlFor="change-note" className="mb-1 block text-sm font-medium">Note (optional)</label>
        <input id="change-note" name="note" maxLength={1000} className={inputClass} placeholder="Why this change?" />
      </div>
      <div className="flex max-w-xl items-start gap-2">
        <input id="auto-execute" name="autoExecute" type="checkbox" className="mt-1" aria-describedby="auto-execute-hint" />
        <div>
          <label htmlFor="auto-execute" className="text-sm font-medium">{requiresApproval ? "Deploy when approved" : "Deploy when the preview is ready"}</label>
          <p id="auto-execute-hint" className="text-xs text-slate-500">
            {requiresApproval
              ? "The preview is sent to the approvers at once (with your note as the reason) and applied, as you, as soon as the last approval lands."
              : "The change set is applied as soon as CloudFormation has computed it, without stopping for you to review it."}
          </p>
        </div>
      </div>
      {state.status === "error" ? <Notice tone="red">{state.message}{state.fields?._ ? ` ${state.fields._.join(" ")}` : ""}</Notice> : null}
      <button type="submit" className={buttonClass("primary")} disabled={pending}>{pending ? "Creating change set…" : "Preview change"}</button>
    </form>
  );
}
