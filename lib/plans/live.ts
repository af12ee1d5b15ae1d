import "server-only";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { getDeploymentListener } from "../realtime/listener.ts";
import { getPlan } from "./queries.ts";
import { FINISHED_PLAN_STATUSES, type PlanDto } from "./types.ts";

// A plan's live feed over the console's one LISTEN connection (lib/realtime/listener.ts): the plan's own moves are
// announced with its id, its stacks' deployments with theirs; on any of them the stream re-reads the plan and
// sends it (`event: plan`). A periodic re-read covers a missed notification; the stream ends when the plan is done.

const HEARTBEAT_MS = 15_000;
const RECHECK_MS = 5_000;

export function planEventStream(db: Db, actor: Actor, planId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => undefined as void;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const listener = getDeploymentListener();
      const unsubscribers = new Map<string, () => void>();
      let closed = false;
      let last = "";
      let reading = false;
      let again = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const close = () => {
        if (closed) return;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      const push = async () => {
        if (reading) return void (again = true);
        reading = true;
        try {
          const plan: PlanDto = await getPlan(db, actor, planId);
          for (const s of plan.stacks) if (s.deploymentId && !unsubscribers.has(s.deploymentId)) unsubscribers.set(s.deploymentId, listener.subscribe(s.deploymentId, () => void push()));
          const text = JSON.stringify(plan);
          if (text !== last) send(`event: plan\ndata: ${text}\n\n`);
          last = text;
          if (FINISHED_PLAN_STATUSES.includes(plan.status) && plan.stacks.every((s) => !["applying", "previewing", "ready", "pending", "deferred"].includes(s.status))) close();
        } catch (error) {
          console.error(`plan stream ${planId}`, (error as Error).message);
        } finally {
          reading = false;
          if (again && !closed) (again = false, void push());
        }
      };
      unsubscribers.set(planId, listener.subscribe(planId, () => void push()));
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      const recheck = setInterval(() => void push(), RECHECK_MS);
      cleanup = () => {
        closed = true;
        clearInterval(heartbeat);
        clearInterval(recheck);
        for (const off of unsubscribers.values()) off();
        unsubscribers.clear();
      };
      signal.addEventListener("abort", close, { once: true });
      send("retry: 5000\n\n");
      await listener.ready();
      await push();
    },
    cancel() {
      cleanup();
    },
  });
}
