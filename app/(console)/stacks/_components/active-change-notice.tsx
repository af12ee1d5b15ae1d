"use client";

import Link from "next/link";
import { useActionState } from "react";
import { discardPreviewAction } from "../../deployments/actions";
import { IDLE } from "@/lib/auth/action-state";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button";

const DISCARDABLE = new Set(["previewing", "ready", "awaiting_approval"]);

/**
 * The change that holds a stack, as a link, with Discard beside it while it is only a preview (the server checks
 * who may discard). A change that is deploying can only be followed or cancelled from its page.
 */
export function ActiveChangeNotice({ stackName, deploymentId, status, canDiscard = true }: { stackName: string; deploymentId: string; status: string; canDiscard?: boolean }) {
  const [discarded, discard, discarding] = useActionState(discardPreviewAction, IDLE);
  if (discarded.status === "ok") return <Notice tone="green">Discarded. Preview your change again.</Notice>;
  return (
    <Notice tone="amber">
      <div className="flex flex-wrap items-center gap-2">
        <p>
          {stackName} already has an active change:{" "}
          <Link href={`/deployments/${deploymentId}`} className="font-medium underline">{deploymentId.slice(0, 8)} ({status.replace("_", " ")})</Link>.
        </p>
        {canDiscard && DISCARDABLE.has(status) ? (
          <form action={discard}>
            <input type="hidden" name="deploymentId" value={deploymentId} />
            <button className={buttonClass("secondary")} disabled={discarding}>{discarding ? "Discarding…" : "Discard it"}</button>
          </form>
        ) : <p>Follow or cancel it from its page.</p>}
      </div>
      {discarded.status === "error" ? <p className="mt-1 text-red-700">{discarded.message}</p> : null}
    </Notice>
  );
}
