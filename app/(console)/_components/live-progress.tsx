"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { ProgressBar } from "@/components/deployments/progress-bar";
import { DeploymentStatusBadge } from "@/components/deployments/status-badges";
import { deploymentStatusTone } from "@/components/deployments/status";
import { FINISHED_STATUSES, type DeploymentStatus } from "@/lib/deployments/types";

interface Progress {
  status: DeploymentStatus;
  resourcesDone: number;
  resourcesTotal: number;
}

/**
 * One in-progress deployment's bar, kept live by the deployment's own SSE stream (only its `deployment` messages
 * matter here; stack events are skipped by starting after the last one the page saw). When it finishes, the
 * overview re-renders so the counts and the verdict follow.
 */
export function LiveProgress({ deploymentId, stackName, lastEventId, initial }: { deploymentId: string; stackName: string; lastEventId: string | null; initial: Progress }) {
  const [progress, setProgress] = useState(initial);
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource(`/api/v1/deployments/${deploymentId}/events${lastEventId ? `?after=${lastEventId}` : ""}`);
    source.addEventListener("deployment", (message) => {
      const next = JSON.parse((message as MessageEvent).data) as Progress;
      setProgress({ status: next.status, resourcesDone: next.resourcesDone, resourcesTotal: next.resourcesTotal });
      if (FINISHED_STATUSES.includes(next.status)) {
        source.close();
        router.refresh();
      }
    });
    return () => source.close();
  }, [deploymentId, lastEventId, router]);
  const done = Math.min(progress.resourcesDone, progress.resourcesTotal);
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-end">
        <DeploymentStatusBadge status={progress.status} />
      </div>
      <ProgressBar done={done} total={progress.resourcesTotal} tone={deploymentStatusTone(progress.status)} label={`Progress of ${stackName}`} />
    </div>
  );
}
