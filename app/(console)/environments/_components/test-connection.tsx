"use client";

import { useActionState } from "react";
import { testConnectionAction } from "../actions";
import { IDLE, type ActionState } from "@/lib/auth/action-state";
import type { ConnectionTest } from "@/lib/environments/test-connection";
import { buttonClass } from "@/components/ui/button";

/** Assumes the environment's role now and shows who AWS says we are, and what is known of the service role. */
export function TestConnection({ environment }: { environment: string }) {
  const [state, test, testing] = useActionState<ActionState<ConnectionTest>, FormData>(testConnectionAction, IDLE);
  const result = state.status === "ok" ? state.data : undefined;
  return (
    <form action={test} className="space-y-2">
      <input type="hidden" name="environment" value={environment} />
      <button className={buttonClass("secondary")} disabled={testing}>{testing ? "Testing…" : "Test connection"}</button>
      {state.status === "error" ? <p role="alert" className="text-sm text-red-700">{state.message}</p> : null}
      {result ? (
        <div role="status" aria-label={`${environment} connection test`} className={`rounded-md p-3 text-sm ${result.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}>
          <p className="font-medium">{result.ok ? "Connected" : "Problem"}{result.error ? `: ${result.error}` : ""}</p>
          {result.identity ? (
            <p>GetCallerIdentity: account <span className="font-mono">{result.identity.account}</span> as <span className="break-all font-mono">{result.identity.arn}</span></p>
          ) : null}
          <p>Service role: {result.serviceRole.note}</p>
        </div>
      ) : null}
    </form>
  );
}
