import "server-only";
import pg from "pg";
import { databaseUrl } from "../db/client.ts";
import { ALARM_CHANNEL } from "./notify.ts";

// One LISTEN connection per process for alarm changes, fanned out to the open Alarms pages' SSE streams (so many
// viewers cost one connection). On a drop it reconnects and tells every subscriber to re-read.

type Callback = () => void;

function createAlarmListener(connectionString: string) {
  const subscribers = new Map<string, Set<Callback>>();
  let client: pg.Client | null = null;
  let connecting = false;

  const fire = (environment?: string) => {
    for (const [key, set] of subscribers) if (!environment || key === environment) for (const callback of set) callback();
  };

  const connect = async () => {
    if (client || connecting) return;
    connecting = true;
    const next = new pg.Client({ connectionString, application_name: "stackdeck-alarm-listener" });
    next.on("notification", (message) => {
      if (message.channel === ALARM_CHANNEL) fire(message.payload || undefined);
    });
    const dropped = () => {
      if (client !== next) return;
      client = null;
      next.end().catch(() => undefined);
      setTimeout(() => {
        if (subscribers.size) void connect().then(() => fire());
      }, 1_000).unref();
    };
    next.on("error", dropped);
    next.on("end", dropped);
    try {
      await next.connect();
      await next.query(`LISTEN ${ALARM_CHANNEL}`);
      client = next;
    } catch (error) {
      console.error("alarm listener: could not connect", (error as Error).message);
      await next.end().catch(() => undefined);
    } finally {
      connecting = false;
    }
  };

  return {
    subscribe(environment: string, callback: Callback): () => void {
      if (!subscribers.has(environment)) subscribers.set(environment, new Set());
      subscribers.get(environment)!.add(callback);
      void connect();
      return () => {
        const set = subscribers.get(environment);
        set?.delete(callback);
        if (set?.size === 0) subscribers.delete(environment);
      };
    },
  };
}

const globalForListener = globalThis as unknown as { stackdeckAlarmListener?: ReturnType<typeof createAlarmListener> };

export function getAlarmListener() {
  globalForListener.stackdeckAlarmListener ??= createAlarmListener(databaseUrl());
  return globalForListener.stackdeckAlarmListener;
}

const HEARTBEAT_MS = 15_000;

/** SSE: `event: alarms` (data: the environment key) whenever that environment's alarms changed; heartbeats between. */
export function alarmEventStream(environment: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => undefined as void;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(`retry: 5000\n: listening for ${environment}\n\n`);
      const unsubscribe = getAlarmListener().subscribe(environment, () => send(`event: alarms\ndata: ${JSON.stringify({ environment })}\n\n`));
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      }, { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}
