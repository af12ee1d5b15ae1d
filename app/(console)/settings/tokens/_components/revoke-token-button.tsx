"use client";

import { useActionState } from "react";
import { revokeTokenAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { buttonClass } from "@/components/ui/button";

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action, pending] = useActionState(revokeTokenAction, IDLE);
  return (
    <form action={action} onSubmit={(e) => { if (!confirm(`Revoke token "${name}"? Scripts using it stop working at once.`)) e.preventDefault(); }}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" className={buttonClass("secondary")} disabled={pending} aria-label={`Revoke token ${name}`}>Revoke</button>
      {state.status === "error" ? <span role="alert" className="ml-2 text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
