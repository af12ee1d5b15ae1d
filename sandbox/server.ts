import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createClock } from "./core/clock.ts";
import { openStateStore } from "./core/store.ts";
import { protocolBindings } from "./http/bindings.ts";
import { listenSandbox, type RunningSandbox } from "./http/listen.ts";
import { createSandboxAccounts } from "./accounts.ts";

export interface StartSandboxOptions {
  port?: number;
  host?: string;
  statePath?: string;
  ephemeral?: boolean;
  speed?: number;
  quiet?: boolean;
}

export const DEFAULT_PORT = 4599;
export const DEFAULT_STATE_PATH = ".data/sandbox.json";

/** Starts the sandbox in this process. `port: 0` picks a free port (tests); quiet suppresses the request log. */
export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const clock = createClock(opts.speed ?? 1);
  const store = await openStateStore({ path: opts.statePath ?? DEFAULT_STATE_PATH, ephemeral: opts.ephemeral });
  // Issue 14: state per account (the calling credentials' account), STS for assumed roles.
  const accounts = createSandboxAccounts(clock, store);
  const running = await listenSandbox({
    clock,
    store,
    port: opts.port ?? DEFAULT_PORT,
    host: opts.host ?? "127.0.0.1",
    verbose: opts.quiet === false,
    protocols: protocolBindings(accounts),
    controls: {
      // issue 16: drift detection needs a resource that really differs from its template
      "POST /_sandbox/drift": (body) => accounts.changeActualProperties(body),
    },
  });
  // Continue stack operations that a previous run left in progress, now that requests can be served.
  accounts.resume();
  return running;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      state: { type: "string" },
      ephemeral: { type: "boolean" },
      speed: { type: "string" },
      verbose: { type: "boolean" },
    },
  });
  const port = Number(values.port ?? process.env.SANDBOX_PORT ?? DEFAULT_PORT);
  const speed = Number(values.speed ?? process.env.SANDBOX_SPEED ?? 1);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${values.port}`);
  const sandbox = await startSandbox({
    port,
    host: values.host ?? "127.0.0.1",
    statePath: resolve(values.state ?? DEFAULT_STATE_PATH),
    ephemeral: values.ephemeral ?? false,
    speed,
    quiet: !(values.verbose || process.env.SANDBOX_VERBOSE === "1"),
  });
  console.log(`sandbox listening on ${sandbox.url}`);
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("sandbox: failed to stop cleanly", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("sandbox/server.ts")) {
  main().catch((error: unknown) => {
    console.error("sandbox: failed to start:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
