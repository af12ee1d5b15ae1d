import type { DeploymentWithApproval } from "../../../lib/approvals/types.ts";
import type { DeploymentLiveState } from "../../../lib/realtime/queries.ts";
import { FINISHED_STATUSES, type DeploymentDetail, type StackEventDto } from "../../../lib/deployments/types.ts";
import { SseParser } from "./sse.ts";

// The pipeline CLI's only way to Stackdeck: the v1 HTTP API with a bearer token (no database, no lib/ server
// code), so it runs anywhere a pipeline can reach the console.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }

  /** Worth trying again with the same request: the server or the network, not the request itself. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

export interface ClientOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
}

export interface FollowHandlers {
  onEvent?: (event: StackEventDto) => void;
  onState?: (state: DeploymentLiveState) => void;
  /** The stream dropped; it resumes after `delayMs` from the last event received. */
  onReconnect?: (info: { attempt: number; lastEventId: string | null; reason: string; delayMs: number }) => void;
}

const DEFAULT_RETRY_MS = 2000;
const MAX_RETRY_MS = 30_000;

export type StackdeckClient = ReturnType<typeof createClient>;

export function createClient({ url, token, fetch: fetchImpl = fetch }: ClientOptions) {
  const base = url.replace(/\/+$/, "");
  const headers = { Authorization: `Bearer ${token}`, "User-Agent": "stackdeck-cli" };

  async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, "network", `Could not reach ${base}: ${causeOf(error)}`);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) {
      const e = (json as { error?: { code?: string; message?: string; fields?: Record<string, string[]> } } | null)?.error;
      throw new ApiError(response.status, e?.code ?? "http_error", e?.message ?? `${method} ${path} answered HTTP ${response.status}.`, e?.fields);
    }
    return json as T;
  }

  /**
   * Follows a deployment's Server-Sent Events until the server ends the stream with the deployment finished.
   * A dropped connection (or an early end) is resumed with Last-Event-ID, so no event is shown twice or lost.
   */
  async function follow(deploymentId: string, handlers: FollowHandlers, options: { signal?: AbortSignal; after?: string } = {}): Promise<DeploymentLiveState> {
    const parser = new SseParser();
    parser.lastEventId = options.after ?? null;
    const seen: { last: DeploymentLiveState | null } = { last: null };
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      try {
        const received = await streamOnce(deploymentId, parser, handlers, options.signal, (state) => (seen.last = state));
        if (seen.last && FINISHED_STATUSES.includes(seen.last.status)) return seen.last;
        reason = received ? "the stream ended early" : "the stream ended before any message";
        if (received) attempt = 0;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (error instanceof ApiError && !error.transient) throw error;
        reason = error instanceof ApiError ? error.message : causeOf(error);
      }
      const delayMs = Math.min((parser.retryMs ?? DEFAULT_RETRY_MS) * 2 ** Math.min(attempt, 4), MAX_RETRY_MS);
      handlers.onReconnect?.({ attempt: attempt + 1, lastEventId: parser.lastEventId, reason, delayMs });
      await sleep(delayMs, options.signal);
    }
  }

  async function streamOnce(
    deploymentId: string,
    parser: SseParser,
    handlers: FollowHandlers,
    signal: AbortSignal | undefined,
    remember: (state: DeploymentLiveState) => void,
  ): Promise<boolean> {
    const resume: Record<string, string> = parser.lastEventId ? { "Last-Event-ID": parser.lastEventId } : {};
    let response: Response;
    try {
      response = await fetchImpl(`${base}/api/v1/deployments/${encodeURIComponent(deploymentId)}/events`, {
        headers: { ...headers, Accept: "text/event-stream", ...resume },
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, "network", `Could not reach ${base}: ${causeOf(error)}`);
    }
    if (!response.ok || !response.body) {
      const e = (parseJson(await response.text()) as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(response.status, e?.code ?? "http_error", e?.message ?? `The event stream answered HTTP ${response.status}.`);
    }
    let received = false;
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      for (const message of parser.push(decoder.decode(chunk, { stream: true }))) {
        received = true;
        const data = parseJson(message.data);
        if (!data) continue;
        if (message.event === "deployment") {
          remember(data as DeploymentLiveState);
          handlers.onState?.(data as DeploymentLiveState);
        } else handlers.onEvent?.(data as StackEventDto);
      }
    }
    return received;
  }

  return {
    url: base,
    consoleUrl: (deploymentId: string) => `${base}/deployments/${deploymentId}`,
    request,
    getDeployment: (id: string, signal?: AbortSignal) => request<DeploymentWithApproval>("GET", `/api/v1/deployments/${encodeURIComponent(id)}`, undefined, signal),
    createDeployment: (body: Record<string, unknown>) => request<DeploymentDetail>("POST", "/api/v1/deployments", body),
    decide: (id: string, decision: "approve" | "reject", comment: string) =>
      request<DeploymentDetail>("POST", `/api/v1/deployments/${encodeURIComponent(id)}/${decision}`, { comment }),
    follow,
  };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function causeOf(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
