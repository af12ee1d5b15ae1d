"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { discardPreviewAction, executeDeploymentAction } from "../../actions";
import { IDLE } from "@/lib/auth/action-state";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button";

/** Deploy (execute this exact change set) or discard it. What the user may do is decided by the server. */
export function DeploymentControls({ deploymentId, canDeploy, deployLabel, blockedReason }: { deploymentId: string; canDeploy: boolean; deployLabel: string; blockedReason: string | null }) {
  const router = useRouter();
  const [executed, execute, executing] = useActionState(executeDeploymentAction, IDLE);
  const [discarded, discard, discarding] = useActionState(discardPreviewAction, IDLE);
  useEffect(() => {
    if (executed.status === "ok" || discarded.status === "ok") router.refresh();
  }, [executed.status, discarded.status, router]);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {canDeploy ? (
          <form action={execute}>
            <input type="hidden" name="deploymentId" value={deploymentId} />
            <button className={buttonClass("primary")} disabled={executing}>{executing ? "Starting…" : deployLabel}</button>
          </form>
        ) : null}
        <form action={discard}>
          <input type="hidden" name="deploymentId" value={deploymentId} />
          <button className={buttonClass("secondary")} disabled={discarding}>Discard preview</button>
        </form>
      </div>
      {blockedReason ? <Notice tone="amber">{blockedReason}</Notice> : null}
      {executed.status === "error" ? <Notice tone="red">{executed.message}</Notice> : null}
      {discarded.status === "error" ? <Notice tone="red">{discarded.message}</Notice> : null}
    </div>
  );
}
