import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxClock } from "../core/clock.ts";
import type { SandboxStore } from "../core/store.ts";
import { createRequestHandler } from "./app.ts";
import type { DispatchOptions } from "./aws-dispatch.ts";

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  clock: SandboxClock;
  store: SandboxStore;
  protocols: Omit<DispatchOptions, "shouldThrottle">;
  port: number;
  host: string;
  verbose: boolean;
  controls?: Record<string, (body: unknown) => unknown>;
}

/** Serves already-created services over HTTP; close() stops simulations, then saves state. */
export async function listenSandbox(options: ListenOptions): Promise<RunningSandbox> {
  const handler = createRequestHandler(options);
  const server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => {
      console.error("sandbox: request failed", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  // SDK clients keep connections alive; without this, close() would wait for their idle timeout.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        options.clock.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await options.store.close();
      })();
      return closing;
    },
  };
}
