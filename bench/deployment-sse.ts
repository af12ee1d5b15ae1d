// Bench support: a Next-free HTTP server serving the same SSE stream function as the route
// (GET /deployments/<id>/events), and an SSE client that timestamps every stack event it receives.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "../lib/db/client.ts";
import type { DeploymentListener } from "../lib/realtime/listener.ts";
import { deploymentEventStream, SSE_HEADERS } from "../lib/realtime/deployment-stream.ts";
import { parseAfter } from "../lib/realtime/queries.ts";

export async function startSseServer(db: Db, listener: DeploymentListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const match = /^\/deployments\/([0-9a-f-]{36})\/events/.exec(req.url ?? "");
    if (!match) return void res.writeHead(404).end();
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const after = parseAfter((req.headers["last-event-id"] as string | undefined) ?? new URL(req.url!, "http://x").searchParams.get("after"));
    res.writeHead(200, SSE_HEADERS);
    const reader = deploymentEventStream({ db, deploymentId: match[1]!, after, listener, signal: abort.signal }).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      res.write(value);
    }
    res.end();
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ClientResult {
  /** Milliseconds from the event's CloudFormation timestamp to its arrival here, per stack event. */
  latencies: number[];
  finalStatus: string | null;
}

/** Follows one deployment's stream to its end; `connected` resolves at the first `deployment` message. */
export function followDeployment(url: string): { connected: Promise<void>; done: Promise<ClientResult> } {
  let markConnected!: () => void;
  const connected = new Promise<void>((resolve) => (markConnected = resolve));
  const done = (async () => {
    const response = await fetch(url, { headers: { Accept: "text/event-stream" } });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const latencies: number[] = [];
    let finalStatus: string | null = null;
    let buffer = "";
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      const receivedAt = Date.now();
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1] ?? "message";
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (!data) continue;
        const parsed = JSON.parse(data) as { timestamp?: string; status?: string };
        if (event === "message" && parsed.timestamp) latencies.push(receivedAt - Date.parse(parsed.timestamp));
        if (event === "deployment") {
          markConnected();
          finalStatus = parsed.status ?? finalStatus;
        }
      }
    }
    return { latencies, finalStatus };
  })();
  return { connected, done };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
