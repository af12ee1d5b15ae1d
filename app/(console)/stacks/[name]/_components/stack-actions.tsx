"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { cancelUpdateAction, continueRollbackAction, requestChangeAction, rollbackFailedStackAction } from "../../actions";
import { IDLE, type ActionState } from "@/lib/auth/action-state";
import type { StackAction } from "@/lib/deployments/types";
import { buttonClass, inputClass } from "@/components/ui/button";

interface Props {
  stackName: string;
  environment: string;
  template: string;
  allowed: StackAction[];
  activeDeploymentId: string | null;
  clientToken: string;
}

/** Only the actions CloudFormation allows in the stack's current status; the server refuses the others anyway. */
export function StackActions({ stackName, environment, template, allowed, activeDeploymentId, clientToken }: Props) {
  const [cancelState, cancel, cancelling] = useActionState(cancelUpdateAction, IDLE);
  const [rollbackState, rollback, rollingBack] = useActionState(rollbackFailedStackAction, IDLE);
  const [continueState, continueRollback, continuing] = useActionState(continueRollbackAction, IDLE);
  const [deleteState, remove, deleting] = useActionState(requestChangeAction, IDLE);
  const [confirm, setConfirm] = useState("");
  if (!allowed.length) return null;
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Stack actions" role="group">
      <div className="flex flex-wrap items-start gap-2">
        {allowed.includes("update") ? <Link href={`/stacks/${stackName}/change`} className={buttonClass("primary")}>Update</Link> : null}
        {allowed.includes("cancel") && activeDeploymentId ? (
          <form action={cancel}>
            <input type="hidden" name="deploymentId" value={activeDeploymentId} />
            <button className={buttonClass("secondary")} disabled={cancelling}>Cancel update</button>
          </form>
        ) : null}
        {allowed.includes("roll-back") ? (
          <form action={rollback}>
            <input type="hidden" name="stackName" value={stackName} />
            <button className={buttonClass("secondary")} disabled={rollingBack}>Roll back</button>
          </form>
        ) : null}
      </div>
      {allowed.includes("continue-rollback") ? (
        <form action={continueRollback} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="stackName" value={stackName} />
          <div className="w-96">
            <label htmlFor="skip" className="mb-1 block text-xs font-medium">Resources to skip (logical ids, optional)</label>
            <input id="skip" name="resourcesToSkip" className={inputClass} placeholder="e.g. Database ReadReplica" />
          </div>
          <button className={buttonClass("secondary")} disabled={continuing}>Continue rollback</button>
        </form>
      ) : null}
      {allowed.includes("delete") ? (
        <form action={remove} className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3">
          <input type="hidden" name="environment" value={environment} />
          <input type="hidden" name="template" value={template} />
          <input type="hidden" name="stackName" value={stackName} />
          <input type="hidden" name="action" value="delete" />
          <input type="hidden" name="clientToken" value={`${clientToken}-delete`} />
          <div className="w-80">
            <label htmlFor="confirm-name" className="mb-1 block text-xs font-medium">Type <span className="font-mono">{stackName}</span> to delete it</label>
            <input id="confirm-name" name="confirmName" value={confirm} onChange={(e) => setConfirm(e.target.value)} className={`${inputClass} font-mono`} autoComplete="off" />
          </div>
          <button className={buttonClass("danger")} disabled={deleting || confirm !== stackName}>Delete stack…</button>
        </form>
      ) : null}
      {[cancelState, rollbackState, continueState, deleteState].map((s, i) => <ErrorLine key={i} state={s} />)}
    </div>
  );
}

function ErrorLine({ state }: { state: ActionState }) {
  if (state.status !== "error") return null;
  const fields = Object.values(state.fields ?? {}).flat().join(" ");
  return <p role="alert" className="text-sm text-red-700">{state.message} {fields}</p>;
}
