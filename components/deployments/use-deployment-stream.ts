"use client";

import { useEffect, useState } from "react";
import type { DeploymentStatus, StackEventDto } from "@/lib/deployments/types";
import { FINISHED_STATUSES } from "@/lib/deployments/types";

export interface LiveState {
  status: DeploymentStatus;
  resourcesDone: number;
  resourcesTotal: number;
  resultReason: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Follows a deployment over Server-Sent Events: stack events as they are stored, and the deployment's status and
 * progress. EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed after a drop.
 */
export function useDeploymentStream(deploymentId: string, initial: LiveState, initialEvents: StackEventDto[]) {
  const [state, setState] = useState(initial);
  const [events, setEvents] = useState(initialEvents);
  // "connecting" until the stream first opens (in development the route may still be compiling), then live or
  // reconnecting after a drop.
  const [connection, setConnection] = useState<"connecting" | "live" | "reconnecting">("connecting");
  const finished = FINISHED_STATUSES.includes(state.status);

  useEffect(() => {
    if (finished) return;
    const last = initialEvents.at(-1)?.id;
    const source = new EventSource(`/api/v1/deployments/${deploymentId}/events${last ? `?after=${last}` : ""}`);
    source.onopen = () => setConnection("live");
    source.onerror = () => setConnection((c) => (c === "connecting" ? c : "reconnecting"));
    const onEvent = (message: MessageEvent) => {
      const event = JSON.parse(message.data) as StackEventDto;
      setEvents((list) => (list.some((e) => e.eventId === event.eventId) ? list : [...list, event]));
    };
    source.addEventListener("message", onEvent);
    source.addEventListener("stack-event", onEvent);
    source.addEventListener("deployment", (message) => {
      const next = JSON.parse((message as MessageEvent).data) as Partial<LiveState>;
      setState((s) => ({ ...s, ...next }));
      if (next.status && FINISHED_STATUSES.includes(next.status)) source.close();
    });
    return () => source.close();
    // initialEvents is the server's snapshot: reconnecting from it once is enough
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deploymentId, finished]);

  return { state, events, connection };
}
