"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { StackEventDto } from "@/lib/deployments/types";
import { ProgressBar } from "./progress-bar";
import { DeploymentStatusBadge } from "./status-badges";
import { deploymentStatusTone } from "./status";
import { ResourceStatusList } from "./resource-status-list";
import { EventTable } from "./event-table";
import { useDeploymentStream, type LiveState } from "./use-deployment-stream";
import { formatDuration } from "./format";

const SENTENCE: Partial<Record<LiveState["status"], string>> = {
  succeeded: "The change was applied.",
  failed: "The change failed.",
  rolled_back: "The change failed and CloudFormation rolled the stack back.",
  cancelled: "The change was cancelled.",
};

export function LiveDeployment({ deploymentId, initial, initialEvents, estimatedSeconds }: { deploymentId: string; initial: LiveState; initialEvents: StackEventDto[]; estimatedSeconds: number | null }) {
  const { state, events, connection } = useDeploymentStream(deploymentId, initial, initialEvents);
  useRefreshOnStatusChange(state.status);
  const elapsed = useElapsed(state.startedAt, state.finishedAt);
  const eta = estimatedSeconds !== null && state.status === "deploying" ? etaText(estimatedSeconds, elapsed) : "";
  const summary = SENTENCE[state.status];
  return (
    <div className="space-y-6">
      <section aria-label="Progress" className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <div className="flex items-center gap-2">
            <DeploymentStatusBadge status={state.status} />
            {state.status === "deploying" || state.status === "cancelling" ? <span className="text-xs text-slate-500">{connection === "live" ? "live" : `${connection}…`}</span> : null}
          </div>
          <p className="text-sm text-slate-600 tabular-nums">
            {state.startedAt ? `elapsed ${formatDuration(elapsed)}` : "not started"}
            {eta}
          </p>
        </div>
        <ProgressBar done={state.resourcesDone} total={state.resourcesTotal} tone={deploymentStatusTone(state.status)} label="Deployment progress" />
        {summary ? (
          <p role="status" className="mt-3 text-sm font-medium">
            {summary} {state.resultReason ?? ""}
          </p>
        ) : null}
      </section>
      <ResourceStatusList events={events} />
      <EventTable events={events} />
    </div>
  );
}

/** Past the estimate, "0s left" would be a wrong promise: say it takes longer than usual instead. */
function etaText(estimatedSeconds: number, elapsed: number): string {
  const remaining = estimatedSeconds - elapsed;
  return remaining >= 1 ? ` · about ${formatDuration(remaining)} left` : ` · longer than the usual ${formatDuration(Math.max(1, estimatedSeconds))}`;
}

/** The server-rendered parts (preview, actions) depend on the status: re-render them when it moves on. */
function useRefreshOnStatusChange(status: LiveState["status"]) {
  const router = useRouter();
  const first = useRef(status);
  useEffect(() => {
    if (status !== first.current) router.refresh();
  }, [status, router]);
}

function useElapsed(startedAt: string | null, finishedAt: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!startedAt || finishedAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [startedAt, finishedAt]);
  if (!startedAt) return 0;
  const end = finishedAt ? Date.parse(finishedAt) : now;
  return Math.max(0, Math.round((end - Date.parse(startedAt)) / 1000));
}

