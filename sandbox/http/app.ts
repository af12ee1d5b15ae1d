import type { IncomingMessage, ServerResponse } from "node:http";
import { AwsError } from "../core/contracts.ts";
import type { SandboxClock } from "../core/clock.ts";
import type { SandboxStore } from "../core/store.ts";
import { readBody } from "./body.ts";
import { dispatchAwsCall, type DispatchOptions, type Reply } from "./aws-dispatch.ts";
import { CallStats, parseConfigUpdate } from "./operability.ts";
import { RateLimiter } from "./rate-limits.ts";

export interface AppOptions {
  clock: SandboxClock;
  store: SandboxStore;
  protocols: Omit<DispatchOptions, "shouldThrottle">;
  verbose: boolean;
  /** Sandbox-only controls of the services ("POST /_sandbox/drift" -> handler of the JSON body), from server.ts. */
  controls?: Record<string, (body: unknown) => unknown>;
}

/** The HTTP entry point: `/_sandbox/*` operability endpoints, everything else is an AWS API call. */
export function createRequestHandler(options: AppOptions) {
  const stats = new CallStats();
  let throttleRate = 0;
  const limiter = new RateLimiter();
  const dispatch: DispatchOptions = {
    ...options.protocols,
    shouldThrottle: (service, region) => (throttleRate > 0 && Math.random() < throttleRate) || !limiter.allow(service, region),
  };

  const operability = async (method: string, path: string, body: string): Promise<Reply> => {
    if (method === "GET" && path === "/_sandbox/health") return json(200, { status: "ok" });
    if (method === "GET" && path === "/_sandbox/stats") return json(200, stats.snapshot());
    if (method === "POST" && path === "/_sandbox/config") {
      const update = parseConfigUpdate(body.trim() === "" ? {} : JSON.parse(body));
      if (update.speed !== undefined) options.clock.setSpeed(update.speed);
      if (update.throttleRate !== undefined) throttleRate = update.throttleRate;
      if (update.rateLimits !== undefined) limiter.configure(update.rateLimits);
      return json(200, { speed: options.clock.speed, throttleRate, rateLimits: limiter.current() });
    }
    const control = options.controls?.[`${method} ${path}`];
    if (control) return json(200, control(body.trim() === "" ? {} : JSON.parse(body)));
    if (method === "POST" && path === "/_sandbox/reset") {
      options.store.reset();
      return json(200, { status: "reset" });
    }
    return json(404, { error: "NotFound", message: `no sandbox endpoint ${method} ${path}` });
  };

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(request.url ?? "/", "http://sandbox");
    let reply: Reply;
    let label = `${request.method} ${url.pathname}`;
    try {
      const body = await readBody(request);
      if (url.pathname.startsWith("/_sandbox/")) {
        reply = await operability(request.method ?? "GET", url.pathname, body);
      } else {
        const { reply: awsReply, call } = await dispatchAwsCall({ headers: request.headers, search: url.search, body }, dispatch);
        stats.record(call.service, call.operation, call.throttled);
        label = `${call.service}.${call.operation} ${call.region}${call.throttled ? " (throttled)" : ""}`;
        reply = awsReply;
      }
    } catch (error) {
      reply = error instanceof AwsError || error instanceof SyntaxError
        ? json(error instanceof AwsError ? error.status : 400, { error: error.name, message: error.message })
        : json(500, { error: "InternalFailure", message: "unexpected sandbox failure" });
      if (!(error instanceof AwsError) && !(error instanceof SyntaxError)) console.error("sandbox:", error);
    }
    if (!response.headersSent) {
      response.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
      response.end(reply.body);
    }
    if (options.verbose) {
      console.log(`sandbox ${reply.status} ${label} ${(performance.now() - started).toFixed(1)}ms`);
    }
  };
}

function json(status: number, value: unknown): Reply {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}
