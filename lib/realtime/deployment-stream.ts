import type { Db } from "../db/client.ts";
import { FINISHED_STATUSES } from "../deployments/types.ts";
import type { DeploymentListener } from "./listener.ts";
import { EVENTS_PAGE, getDeploymentLiveState, listEventsAfter } from "./queries.ts";

export interface DeploymentStreamOptions {
  db: Db;
  deploymentId: string;
  /** Our event sequence number the client already has (Last-Event-ID or ?after=). */
  after: bigint;
  listener: Pick<DeploymentListener, "subscribe" | "ready">;
  signal?: AbortSignal;
  heartbeatMs?: number;
  /** Safety net for a notification lost while the listener reconnects: re-read this often regardless. */
  recheckMs?: number;
}

/** Headers for an SSE response that proxies (and `next start`) pass through unbuffered. */
export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;

/**
 * A deployment's live feed as Server-Sent Events: every stored stack event after `after` (unnamed `message`
 * events, `id:` = our sequence so EventSource resumes with Last-Event-ID), then new ones as NOTIFY arrives, plus
 * `event: deployment` with status and progress when they change, a comment heartbeat, and the end of the stream
 * once the deployment is finished. Every read goes to the database by id, never to AWS.
 */
export function deploymentEventStream(options: DeploymentStreamOptions): ReadableStream<Uint8Array> {
  const { db, deploymentId, listener, signal } = options;
  const encoder = new TextEncoder();
  let lastId = options.after;
  let lastState = "";
  let running = false;
  let again = false;
  let closed = false;
  const cleanups: (() => void)[] = [];

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      const finish = () => {
        if (closed) return;
        closed = true;
        for (const cleanup of cleanups) cleanup();
        try {
          controller.close();
        } catch {
          // already closed or errored by the client going away
        }
      };

      // Notifications arriving during a read are folded into one more read, never run concurrently (ordering).
      const pump = async () => {
        if (running) return void (again = true);
        running = true;
        try {
          do {
            again = false;
            // Status first: the tracker stores events before it finishes a deployment, so a final status read
            // here means the event reads below see every event.
            const state = await getDeploymentLiveState(db, deploymentId);
            if (!state) return finish();
            for (;;) {
              const events = await listEventsAfter(db, deploymentId, lastId);
              for (const event of events) send(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
              if (events.length) lastId = BigInt(events.at(-1)!.id);
              if (events.length < EVENTS_PAGE || closed) break;
            }
            const json = JSON.stringify(state);
            if (json !== lastState) send(`event: deployment\ndata: ${json}\n\n`);
            lastState = json;
            if (FINISHED_STATUSES.includes(state.status)) return finish();
          } while (again && !closed);
        } catch (error) {
          console.error(`deployment stream ${deploymentId}: read failed`, (error as Error).message);
        } finally {
          running = false;
        }
      };

      const unsubscribe = listener.subscribe(deploymentId, () => void pump());
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), options.heartbeatMs ?? 15_000);
      const recheck = setInterval(() => void pump(), options.recheckMs ?? 5_000);
      const onAbort = () => finish();
      signal?.addEventListener("abort", onAbort);
      cleanups.push(unsubscribe, () => clearInterval(heartbeat), () => clearInterval(recheck), () => signal?.removeEventListener("abort", onAbort));
      if (signal?.aborted) return finish();

      send("retry: 2000\n\n");
      // Subscribed before the first read, so nothing stored in between is missed. Not awaited: the response
      // (headers and the retry line) goes out while the listener connects.
      void listener.ready().then(pump);
    },
    cancel() {
      closed = true;
      for (const cleanup of cleanups) cleanup();
    },
  });
}
