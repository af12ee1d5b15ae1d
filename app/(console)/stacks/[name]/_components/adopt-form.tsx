"use client";

import { useActionState } from "react";
import { adoptStackAction } from "../../actions";
import { IDLE } from "@/lib/auth/action-state";
import { buttonClass, inputClass } from "@/components/ui/button";

/** Adopt: the server compares the stack's template with the chosen catalog template and says why when they differ. */
export function AdoptForm({ stackName, templates, defaultTemplate }: { stackName: string; templates: string[]; defaultTemplate: string }) {
  const [state, adopt, adopting] = useActionState(adoptStackAction, IDLE);
  return (
    <form action={adopt} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-label="Adopt this stack">
      <p className="text-sm text-slate-700">Stackdeck did not create this stack. Adopt it to manage it here: its resources must match a catalog template&apos;s, and its current parameters become its first version.</p>
      <input type="hidden" name="stackName" value={stackName} />
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Template</span>
          <select name="template" defaultValue={defaultTemplate} className={inputClass}>
            {templates.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <button className={buttonClass("primary")} disabled={adopting}>{adopting ? "Adopting…" : "Adopt"}</button>
      </div>
      {state.status === "error" ? <p role="alert" className="text-sm text-red-700">{state.message}</p> : null}
    </form>
  );
}
