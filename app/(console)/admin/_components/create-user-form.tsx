"use client";

import { useActionState } from "react";
import { createUserAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { Notice } from "@/components/ui/notice";
import { FieldError } from "@/components/ui/field-error";
import { buttonClass, inputClass } from "@/components/ui/button";
import { RoleAndScopeFields, type EnvOption } from "./role-and-scope-fields";

export function CreateUserForm({ environments }: { environments: EnvOption[] }) {
  const [state, action, pending] = useActionState(createUserAction, IDLE);
  return (
    <form action={action} aria-labelledby="create-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="create-title" className="text-sm font-semibold">Add a user</h2>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor="new-email" className="mb-1 block text-sm font-medium">Email</label>
          <input id="new-email" name="email" type="email" required maxLength={320} className={inputClass} />
          <FieldError state={state} field="email" />
        </div>
        <div>
          <label htmlFor="new-name" className="mb-1 block text-sm font-medium">Name</label>
          <input id="new-name" name="name" required maxLength={200} className={inputClass} />
          <FieldError state={state} field="name" />
        </div>
      </div>
      <div>
        <label htmlFor="new-password" className="mb-1 block text-sm font-medium">Initial password</label>
        <input id="new-password" name="password" type="password" required minLength={12} maxLength={200} autoComplete="new-password" className={inputClass} />
        <FieldError state={state} field="password" />
      </div>
      <RoleAndScopeFields idPrefix="new" environments={environments} state={state} optional />
      <button type="submit" className={buttonClass("primary")} disabled={pending}>Add user</button>
      {state.status === "error" ? <Notice tone="red">{state.message}</Notice> : null}
      {state.status === "ok" ? <Notice tone="green">{state.message}</Notice> : null}
    </form>
  );
}
