"use client";

import { useActionState } from "react";
import { retryPreviewAction } from "../../actions";
import { IDLE } from "@/lib/auth/action-state";
import { buttonClass } from "@/components/ui/button";

/** Asks for the same change again; the server redirects to the new deployment (or says why it cannot). */
export function RetryPreviewButton({ deploymentId }: { deploymentId: string }) {
  const [state, retry, retrying] = useActionState(retryPreviewAction, IDLE);
  return (
    <form action={retry} className="contents">
      <input type="hidden" name="deploymentId" value={deploymentId} />
      <button className={buttonClass("primary")} disabled={retrying}>{retrying ? "Creating change set…" : "Retry"}</button>
      {state.status === "error" ? <span role="alert" className="basis-full text-sm text-red-700">{state.message}{state.fields?.upstream ? ` ${state.fields.upstream.join(" ")}` : ""}</span> : null}
    </form>
  );
}
