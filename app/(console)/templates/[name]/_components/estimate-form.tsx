"use client";

import { useActionState } from "react";
import { estimateTemplateAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { formatMoney } from "@/lib/cost/format";
import { ParameterForm, type ParameterField } from "@/components/templates/parameter-form";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button";

interface EstimateData {
  monthlyTotal: number;
  monthlyDelta: number;
}

export function EstimateForm({ template, environment, fields }: { template: string; environment: string; fields: ParameterField[] }) {
  const [state, action, pending] = useActionState(estimateTemplateAction, IDLE);
  const data = state.status === "ok" ? (state.data as EstimateData) : null;
  return (
    <form action={action} aria-label="Estimate with other values" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="template" value={template} />
      <input type="hidden" name="environment" value={environment} />
      <ParameterForm fields={fields} state={state} enforceRequired={false} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("secondary")} disabled={pending}>{pending ? "Estimating…" : "Estimate with these values"}</button>
        {data ? (
          <p role="status" className="text-sm">
            <strong>{formatMoney(data.monthlyTotal)}</strong>/month (
            {data.monthlyDelta >= 0 ? "+" : "−"}
            {formatMoney(Math.abs(data.monthlyDelta))} against this environment&apos;s values)
          </p>
        ) : null}
      </div>
      {state.status === "error" ? <Notice tone="red">{state.message}</Notice> : null}
    </form>
  );
}
