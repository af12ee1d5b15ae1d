"use client";

import { useActionState } from "react";
import { requestChangeAction } from "../../actions";
import { IDLE } from "@/lib/auth/action-state";
import { buttonClass } from "@/components/ui/button";

/** Previews a change back to an earlier successful deployment's template version and parameters. */
export function RollbackButton({ stackName, environment, template, deploymentId, clientToken }: { stackName: string; environment: string; template: string; deploymentId: string; clientToken: string }) {
  const [state, action, pending] = useActionState(requestChangeAction, IDLE);
  return (
    <form action={action}>
      <input type="hidden" name="environment" value={environment} />
      <input type="hidden" name="template" value={template} />
      <input type="hidden" name="stackName" value={stackName} />
      <input type="hidden" name="action" value="rollback" />
      <input type="hidden" name="rollbackTo" value={deploymentId} />
      <input type="hidden" name="clientToken" value={`${clientToken}-${deploymentId}`} />
      <button className={buttonClass("secondary")} disabled={pending} aria-label={`Roll back to deployment ${deploymentId.slice(0, 8)}`}>Roll back to this version</button>
      {state.status === "error" ? <span role="alert" className="mt-1 block text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
