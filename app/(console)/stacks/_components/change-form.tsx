"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { requestChangeAction } from "../actions";
import { IDLE, type ActionState } from "@/lib/auth/action-state";
import { ParameterForm, type ParameterField } from "@/components/templates/parameter-form";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";
import { ActiveChangeNotice } from "./active-change-notice";

export interface ChangeFormProps {
  environment: string;
  template: string;
  action: "create" | "update";
  stackName?: string; // update: the stack; create: the default name
  fields: ParameterField[];
  clientToken: string; // makes a double submit one change, not two
  /** Why a preview cannot work yet (e.g. stacks it imports from are missing): the button says so and stays off. */
  blocked?: string;
  /** The environment requires approval: the auto-apply option then waits for the approvers. */
  requiresApproval: boolean;
}

/** Parameters for a new stack or an update; submitting previews the change set (nothing is applied yet). */
export function ChangeForm({ environment, template, action, stackName, fields, clientToken, blocked, requiresApproval }: ChangeFormProps) {
  const [state, formAction, pending] = useActionState(requestChangeAction, IDLE);
  // React resets a form after its action; dispatching from onSubmit keeps what the user typed when the server
  // answers with an error (a conflict, a missing stack) instead of a redirect.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <>
    <form action={formAction} onSubmit={submit} aria-label="Change parameters" className="space-y-5">
      <input type="hidden" name="environment" value={environment} />
      <input type="hidden" name="template" value={template} />
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="clientToken" value={clientToken} />
      {action === "update" ? <input type="hidden" name="stackName" value={stackName} /> : (
        <div className="max-w-md">
          <label htmlFor="stack-name" className="mb-1 block text-sm font-medium">Stack name</label>
          <input id="stack-name" name="stackName" defaultValue={stackName} className={`${inputClass} font-mono`} maxLength={128} />
          <p className="mt-1 text-xs text-slate-500">{`${environment}-${template}`} or {`${environment}-${template}-<suffix>`}</p>
        </div>
      )}
      <ParameterForm fields={fields} state={state} />
      <div className="max-w-xl">
        <label htmlFor="change-note" className="mb-1 block text-sm font-medium">Note (optional)</label>
        <input id="change-note" name="note" maxLength={1000} className={inputClass} placeholder="Why this change?" />
      </div>
      <div className="flex max-w-xl items-start gap-2">
        <input id="auto-execute" name="autoExecute" type="checkbox" className="mt-1" aria-describedby="auto-execute-hint" />
        <div>
          <label htmlFor="auto-execute" className="text-sm font-medium">{requiresApproval ? "Deploy when approved" : "Deploy when the preview is ready"}</label>
          <p id="auto-execute-hint" className="text-xs text-slate-500">
            {requiresApproval
              ? "The preview is sent to the approvers at once (with your note as the reason) and applied, as you, as soon as the last approval lands."
              : "The change set is applied as soon as CloudFormation has computed it, without stopping for you to review it."}
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("primary")} disabled={pending || Boolean(blocked)}>{pending ? "Creating change set…" : "Preview change"}</button>
        {blocked ? <span className="text-sm text-slate-600">{blocked}</span> : null}
      </div>
    </form>
    {/* Outside the form: the conflict notice has a form of its own (Discard), and forms do not nest. */}
    {state.status === "error" ? <div className="mt-4"><FormError state={state} stackName={stackName ?? `${environment}-${template}`} /></div> : null}
    </>
  );
}

/** One error, said once: the change holding the stack (with Discard), the missing upstream stacks, or the message. */
function FormError({ state, stackName }: { state: Extract<ActionState, { status: "error" }>; stackName: string }) {
  const active = state.fields?.activeDeployment;
  const held = /^Stack (\S+) already has/.exec(state.message)?.[1] ?? stackName; // the name typed, not the default
  if (state.code === "conflict" && active?.[0]) return <ActiveChangeNotice stackName={held} deploymentId={active[0]} status={active[1] ?? "active"} />;
  const upstream = state.fields?.upstream;
  return (
    <Notice tone="red">
      {state.message}
      {state.fields?._ ? ` ${state.fields._.join(" ")}` : ""}
      {upstream ? <ul className="mt-1 list-disc pl-5">{upstream.map((line) => <li key={line}>{line}</li>)}</ul> : null}
    </Notice>
  );
}
