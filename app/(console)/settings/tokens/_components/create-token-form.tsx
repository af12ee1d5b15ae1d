"use client";

import { useActionState } from "react";
import { createTokenAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, IDLE);
  const token = state.status === "ok" ? (state.data as { token?: string } | undefined)?.token : undefined;
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-64">
          <label htmlFor="token-name" className="mb-1 block text-sm font-medium">Name</label>
          <input id="token-name" name="name" required maxLength={100} placeholder="e.g. GitHub Actions" className={inputClass} />
          <FieldError state={state} field="name" />
        </div>
        <div className="w-40">
          <label htmlFor="token-expiry" className="mb-1 block text-sm font-medium">Expires in (days)</label>
          <input id="token-expiry" name="expiresInDays" type="number" min={1} max={365} placeholder="never" className={inputClass} />
          <FieldError state={state} field="expiresInDays" />
        </div>
        <button type="submit" className={buttonClass("primary")} disabled={pending}>{pending ? "Creating…" : "Create token"}</button>
      </div>
      {state.status === "error" ? <Notice tone="red">{state.message}</Notice> : null}
      {token ? (
        <Notice tone="green">
          {state.status === "ok" ? state.message : null}
          <code data-testid="new-token" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900">{token}</code>
        </Notice>
      ) : null}
    </form>
  );
}
