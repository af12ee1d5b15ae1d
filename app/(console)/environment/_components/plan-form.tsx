"use client";

import { useActionState } from "react";
import { planPlatformAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";
import type { UserParameterView } from "@/lib/plans/environment-graph";

/** "Plan the platform": the values the profile leaves to the user, prefilled with what is deployed; optionally a promotion. */
export function PlanForm({ environment, parameters, promoteFrom }: { environment: string; parameters: UserParameterView[]; promoteFrom: string[] }) {
  const [state, plan, planning] = useActionState(planPlatformAction, IDLE);
  return (
    <form action={plan} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Plan the platform">
      <input type="hidden" name="environment" value={environment} />
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium text-slate-900">What to plan</legend>
        <label className="flex items-center gap-1.5"><input type="radio" name="action" value="apply" defaultChecked /> Create or update every stack</label>
        {promoteFrom.map((from) => (
          <label key={from} className="flex items-center gap-1.5">
            <input type="radio" name="action" value="promote" onChange={(e) => { const f = e.currentTarget.form?.elements.namedItem("from") as HTMLInputElement | null; if (f) f.value = from; }} />
            Promote {from} → {environment}
          </label>
        ))}
        <input type="hidden" name="from" defaultValue="" />
      </fieldset>
      {parameters.length ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {parameters.map((p) => {
            const name = `param:${p.template}:${p.key}`;
            return (
              <div key={name}>
                <label htmlFor={name} className="block text-sm font-medium text-slate-900">{p.template} · {p.key}{p.required ? " (required)" : ""}</label>
                {p.description ? <p className="text-xs text-slate-500">{p.description}</p> : null}
                <input id={name} name={name} defaultValue={p.value} className={`${inputClass} mt-1`} />
                <FieldError state={state} field={`${p.template}.${p.key}`} />
              </div>
            );
          })}
        </div>
      ) : null}
      <div>
        <label htmlFor="plan-note" className="block text-sm font-medium text-slate-900">Note (why; the approval reason where one is needed)</label>
        <input id="plan-note" name="note" maxLength={1000} className={`${inputClass} mt-1`} />
      </div>
      <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="execute" /> Apply as soon as it may (after approval where required)</label>
      <button className={buttonClass("primary")} disabled={planning}>{planning ? "Planning…" : "Plan the platform"}</button>
      {state.status === "error" ? (
        <Notice tone="red">
          {state.message}
          {state.fields ? <ul className="mt-1 list-disc pl-5">{Object.entries(state.fields).map(([k, v]) => <li key={k}>{k}: {v.join(" ")}</li>)}</ul> : null}
        </Notice>
      ) : null}
    </form>
  );
}
