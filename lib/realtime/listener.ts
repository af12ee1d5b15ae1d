import "server-only";
import pg from "pg";
import { databaseUrl } from "../db/client.ts";
import { DEPLOYMENT_CHANNEL } from "./notify.ts";

export type ChangeCallback = () => void;

export interface DeploymentListener {
  /** Calls `onChange` whenever the deployment changes (and after a reconnect, when notifications may have been missed). */
  subscribe(deploymentId: string, onChange: ChangeCallback): () => void;
  /** Resolves once LISTEN is active, or after `timeoutMs` (callers fall back to their periodic re-check). */
  ready(timeoutMs?: number): Promise<void>;
  subscriberCount(): number;
  close(): Promise<void>;
}

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];

/**
 * One dedicated connection per process LISTENs on the deployment channel and fans notifications out to in-process
 * subscribers (SSE connections), so 500 viewers cost one connection, not 500. The connection opens on the first
 * subscription and reconnects with backoff if it drops.
 */
export function createDeploymentListener(connectionString: string): DeploymentListener {
  const subscribers = new Map<string, Set<ChangeCallback>>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let attempt = 0;
  let closed = false;
  let listening = false;
  let everConnected = false;
  let waiters: (() => void)[] = [];

  const fire = (deploymentId?: string) => {
    const targets = deploymentId ? [subscribers.get(deploymentId) ?? []] : subscribers.values();
    for (const set of targets) for (const callback of set) callback();
  };

  const connect = (): Promise<void> => {
    connecting ??= (async () => {
      const next = new pg.Client({ connectionString, application_name: "stackdeck-listener" });
      next.on("notification", (message) => {
        if (message.channel === DEPLOYMENT_CHANNEL && message.payload) fire(message.payload);
      });
      next.on("error", () => dropped(next));
      next.on("end", () => dropped(next));
      try {
        await next.connect();
        await next.query(`LISTEN ${DEPLOYMENT_CHANNEL}`);
      } catch (error) {
        console.error("realtime listener: could not connect", (error as Error).message);
        await next.end().catch(() => undefined);
        connecting = null;
        scheduleReconnect();
        return;
      }
      if (closed) return void (await next.end().catch(() => undefined));
      client = next;
      attempt = 0;
      listening = true;
      for (const wake of waiters) wake();
      waiters = [];
      // Anything that changed while we were not listening is picked up by subscribers re-reading the database.
      if (everConnected) fire();
      everConnected = true;
    })();
    return connecting;
  };

  const dropped = (which: pg.Client) => {
    if (client !== which) return;
    client = null;
    connecting = null;
    listening = false;
    which.end().catch(() => undefined);
    if (!closed) scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (closed) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt++, RECONNECT_DELAYS_MS.length - 1)]!;
    setTimeout(() => {
      if (!closed && subscribers.size > 0) void connect();
    }, delay).unref();
  };

  return {
    subscribe(deploymentId, onChange) {
      if (!subscribers.has(deploymentId)) subscribers.set(deploymentId, new Set());
      subscribers.get(deploymentId)!.add(onChange);
      if (!client && !closed) void connect();
      return () => {
        const set = subscribers.get(deploymentId);
        set?.delete(onChange);
        if (set && set.size === 0) subscribers.delete(deploymentId);
      };
    },
    ready(timeoutMs = 2000) {
      if (listening || closed) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, timeoutMs).unref();
      });
    },
    subscriberCount: () => [...subscribers.values()].reduce((sum, set) => sum + set.size, 0),
    async close() {
      closed = true;
      listening = false;
      subscribers.clear();
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

const globalForListener = globalThis as unknown as { stackdeckListener?: DeploymentListener };

/** The process's listener (kept on globalThis so Next's dev reloads don't open one connection per edit). */
export function getDeploymentListener(): DeploymentListener {
  globalForListener.stackdeckListener ??= createDeploymentListener(databaseUrl());
  return globalForListener.stackdeckListener;
}
