"use client";

import { useActionState } from "react";
import { grantRoleAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { Notice } from "@/components/ui/notice";
import { FieldError } from "@/components/ui/field-error";
import { buttonClass, inputClass } from "@/components/ui/button";
import { RoleAndScopeFields, type EnvOption } from "./role-and-scope-fields";

export function GrantRoleForm({ emails, environments }: { emails: string[]; environments: EnvOption[] }) {
  const [state, action, pending] = useActionState(grantRoleAction, IDLE);
  return (
    <form action={action} aria-labelledby="grant-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="grant-title" className="text-sm font-semibold">Grant a role</h2>
      <div>
        <label htmlFor="grant-email" className="mb-1 block text-sm font-medium">User</label>
        <select id="grant-email" name="email" className={inputClass} required>
          {emails.map((e) => <option key={e} value={e}>{e}</option>)}
        </select>
        <FieldError state={state} field="email" />
      </div>
      <RoleAndScopeFields idPrefix="grant" environments={environments} state={state} />
      <button type="submit" className={buttonClass("primary")} disabled={pending}>Grant</button>
      {state.status === "error" ? <Notice tone="red">{state.message}</Notice> : null}
      {state.status === "ok" ? <Notice tone="green">{state.message}</Notice> : null}
    </form>
  );
}
