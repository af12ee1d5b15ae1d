"use client";

import { useActionState, useState } from "react";
import { createDestinationAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";

interface Props {
  environments: { key: string; name: string }[];
  events: { name: string; label: string }[];
}

export function DestinationForm({ environments, events }: Props) {
  const [state, action, pending] = useActionState(createDestinationAction, IDLE);
  const [kind, setKind] = useState<"webhook" | "slack">("webhook");
  const secret = state.status === "ok" ? (state.data as { secret?: string } | undefined)?.secret : undefined;
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-destination">
      <h2 id="new-destination" className="text-base font-semibold text-slate-900">Add a destination</h2>
      <div className="flex flex-wrap items-start gap-3">
        <div className="w-40">
          <label htmlFor="destination-environment" className="mb-1 block text-sm font-medium">Environment</label>
          <select id="destination-environment" name="environment" className={inputClass} defaultValue={environments[0]?.key}>
            {environments.map((e) => <option key={e.key} value={e.key}>{e.name}</option>)}
          </select>
          <FieldError state={state} field="environment" />
        </div>
        <div className="w-48">
          <label htmlFor="destination-kind" className="mb-1 block text-sm font-medium">Kind</label>
          <select id="destination-kind" name="kind" className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as "webhook" | "slack")}>
            <option value="webhook">Webhook (signed JSON)</option>
            <option value="slack">Slack incoming webhook</option>
          </select>
          <FieldError state={state} field="kind" />
        </div>
        <div className="min-w-72 flex-1">
          <label htmlFor="destination-url" className="mb-1 block text-sm font-medium">URL</label>
          <input id="destination-url" name="url" required maxLength={2000} placeholder={kind === "slack" ? "https://hooks.slack.com/services/…" : "https://hooks.example.com/stackdeck"} className={inputClass} />
          <FieldError state={state} field="url" />
        </div>
        {kind === "webhook" ? (
          <div className="w-64">
            <label htmlFor="destination-secret" className="mb-1 block text-sm font-medium">Signing secret <span className="font-normal text-slate-500">(optional)</span></label>
            <input id="destination-secret" name="secret" type="password" autoComplete="off" minLength={16} maxLength={200} placeholder="generated if empty" className={inputClass} />
            <FieldError state={state} field="secret" />
          </div>
        ) : null}
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Events</legend>
        <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
          {events.map((e) => (
            <label key={e.name} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={`event.${e.name}`} value="on" className="h-4 w-4 rounded border-slate-300" />
              <span>{e.label}</span> <code className="font-mono text-xs text-slate-500">{e.name}</code>
            </label>
          ))}
        </div>
        <FieldError state={state} field="events" />
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass("primary")} disabled={pending}>{pending ? "Adding…" : "Add destination"}</button>
        <p className="text-xs text-slate-500">Webhooks carry <code className="font-mono">X-Stackdeck-Signature: sha256=&lt;HMAC of the body&gt;</code>.</p>
      </div>
      {state.status === "error" ? <Notice tone="red">{state.message}</Notice> : null}
      {state.status === "ok" ? (
        <Notice tone="green">
          {state.message}
          {secret ? <code data-testid="new-secret" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900">{secret}</code> : null}
        </Notice>
      ) : null}
    </form>
  );
}
