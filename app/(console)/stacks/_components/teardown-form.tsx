"use client";

import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { createTeardownScheduleAction } from "../day2-actions";
import { IDLE } from "@/lib/auth/action-state";
import { buttonClass, inputClass } from "@/components/ui/button";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Schedule a teardown of one stack (stackName) or the whole environment: a time to live or a weekly window. */
export function TeardownForm({ environment, stackName }: { environment: string; stackName?: string }) {
  const [state, action, pending] = useActionState(createTeardownScheduleAction, IDLE);
  const [kind, setKind] = useState<"window" | "ttl">("window");
  const [timeZone, setTimeZone] = useState("UTC");
  const router = useRouter();
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"), []);
  useEffect(() => {
    if (state.status === "ok") router.refresh();
  }, [state, router]);
  const fieldError = (name: string) => (state.status === "error" ? state.fields?.[name]?.[0] : undefined);
  const target = stackName ?? `every stack in ${environment}`;
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Schedule a teardown">
      <input type="hidden" name="environment" value={environment} />
      {stackName ? <input type="hidden" name="stackName" value={stackName} /> : null}
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium">Tear down {target}</legend>
        <label className="flex items-center gap-1.5"><input type="radio" name="kind" value="window" checked={kind === "window"} onChange={() => setKind("window")} /> on a weekly schedule</label>
        <label className="flex items-center gap-1.5"><input type="radio" name="kind" value="ttl" checked={kind === "ttl"} onChange={() => setKind("ttl")} /> after a time to live</label>
      </fieldset>
      {kind === "ttl" ? (
        <label className="block max-w-xs text-sm">Hours from now
          <input name="ttlHours" type="number" min="0.1" step="0.1" defaultValue="8" className={inputClass} />
          {fieldError("ttlHours") ? <span role="alert" className="text-xs text-red-700">{fieldError("ttlHours")}</span> : null}
        </label>
      ) : (
        <>
          <fieldset className="flex flex-wrap gap-3 text-sm">
            <legend className="mb-1 text-xs text-slate-600">Days the window starts</legend>
            {DAYS.map((d, i) => (
              <label key={d} className="flex items-center gap-1"><input type="checkbox" name={`day.${i + 1}`} value="on" defaultChecked={i < 5} /> {d}</label>
            ))}
          </fieldset>
          {fieldError("days") ? <p role="alert" className="text-xs text-red-700">{fieldError("days")}</p> : null}
          <div className="flex flex-wrap gap-3">
            <label className="text-sm">From <input name="start" type="time" defaultValue="20:00" className={inputClass} /></label>
            <label className="text-sm">Until <input name="end" type="time" defaultValue="07:00" className={inputClass} /></label>
            <label className="text-sm">Time zone <input name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} className={inputClass} /></label>
          </div>
          {fieldError("end") || fieldError("start") || fieldError("timeZone") ? <p role="alert" className="text-xs text-red-700">{fieldError("end") ?? fieldError("start") ?? fieldError("timeZone")}</p> : null}
          <label className="flex items-center gap-1.5 text-sm"><input type="checkbox" name="recreate" defaultChecked /> Recreate from the last deployment when the window ends</label>
        </>
      )}
      <label className="block max-w-xs text-sm">Warn this many minutes before
        <input name="warnMinutes" type="number" min="0" max="1440" defaultValue="30" className={inputClass} />
      </label>
      <p className="text-xs text-slate-500">Stacks are deleted in reverse dependency order; termination-protected stacks (and what they need) stay, and data stores with DeletionPolicy Retain or Snapshot are kept by CloudFormation.</p>
      <div className="flex items-center gap-3">
        <button className={buttonClass("secondary")} disabled={pending}>Schedule teardown</button>
        {state.status === "ok" ? <span role="status" className="text-sm text-emerald-700">{state.message}</span> : null}
        {state.status === "error" ? <span role="alert" className="text-sm text-red-700">{state.message}</span> : null}
      </div>
    </form>
  );
}
