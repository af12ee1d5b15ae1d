"use client";

import { useActionState } from "react";
import { updateEnvironmentTargetAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { buttonClass, inputClass } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";

interface Target {
  accountId: string;
  region: string;
  roleArn: string | null;
  serviceRoleArn: string | null;
  sessionDurationSeconds: number;
}

/** The environment's AWS target; saving is audited. The external id is write-only (typed again to change it). */
export function TargetForm({ environment, name, target }: { environment: string; name: string; target: Target }) {
  const [state, save, saving] = useActionState(updateEnvironmentTargetAction, IDLE);
  const field = (id: string, label: string, value: string, hint?: string) => (
    <label className="block text-sm">
      <span className="mb-1 block font-medium">{label}</span>
      <input name={id} defaultValue={value} className={inputClass} aria-describedby={hint ? `${environment}-${id}-hint` : undefined} />
      {hint ? <span id={`${environment}-${id}-hint`} className="mt-1 block text-xs text-slate-500">{hint}</span> : null}
      <FieldError state={state} field={id} />
    </label>
  );
  return (
    <form action={save} aria-label={`${name} AWS settings`} className="space-y-3">
      <input type="hidden" name="environment" value={environment} />
      <div className="grid gap-3 sm:grid-cols-2">
        {field("accountId", "Account id", target.accountId)}
        {field("region", "Region", target.region)}
        {field("roleArn", "Role to assume", target.roleArn ?? "", "Empty: the console's own credentials.")}
        {field("serviceRoleArn", "CloudFormation service role", target.serviceRoleArn ?? "", "Passed as RoleARN on every change set.")}
        {field("externalId", "External id", "", "Only if the role's trust policy requires one.")}
        {field("sessionDurationSeconds", "Session duration (seconds)", String(target.sessionDurationSeconds), "900 to 43200, within the role's maximum.")}
      </div>
      <div className="flex items-center gap-3">
        <button className={buttonClass("primary")} disabled={saving}>{saving ? "Saving…" : `Save ${name}`}</button>
        {state.status === "ok" ? <p role="status" className="text-sm text-green-700">{state.message}</p> : null}
        {state.status === "error" ? <p role="alert" className="text-sm text-red-700">{state.message}</p> : null}
      </div>
    </form>
  );
}
