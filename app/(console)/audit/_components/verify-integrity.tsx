"use client";

import { useActionState } from "react";
import { verifyAuditAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button";

export function VerifyIntegrity() {
  const [state, action, pending] = useActionState(verifyAuditAction, IDLE);
  const ok = state.status === "ok" && state.data?.ok === true;
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <button type="submit" className={buttonClass("secondary")} disabled={pending}>
        {pending ? "Verifying…" : "Verify integrity"}
      </button>
      {state.status === "idle" || pending ? null : (
        <div data-testid="verify-result">
          <Notice tone={ok ? "green" : "red"}>{state.message}</Notice>
        </div>
      )}
    </form>
  );
}
