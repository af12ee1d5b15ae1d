import { TEST_EVENT } from "./events.ts";
import { renderBody, type NotificationPayload } from "./message.ts";
import { signBody } from "./secrets.ts";

// One HTTP attempt of a delivery, bounded by a timeout: a slow or dead destination costs the delivery job at most
// that, and never touches a request or a deployment (they only wrote an outbox row).

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** Worth trying again: a network error, a timeout, 408, 429 or 5xx. Other answers will not change. */
  retryable: boolean;
}

export interface SendTarget {
  kind: string;
  url: string;
  secret: string | null;
}

export async function sendOnce(target: SendTarget, payload: NotificationPayload, attempt: number, timeoutMs: number, now = new Date()): Promise<AttemptOutcome> {
  const body = renderBody(target.kind, payload, attempt, now);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Stackdeck-Notifications/1" };
  if (target.kind === "webhook") {
    headers["x-stackdeck-event"] = payload.event;
    headers["x-stackdeck-delivery"] = payload.id;
    headers["x-stackdeck-timestamp"] = String(Math.floor(now.getTime() / 1000));
    if (target.secret) headers["x-stackdeck-signature"] = signBody(target.secret, body);
  }
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    // No redirects: a destination answers itself, and a redirect could point the signed body somewhere else.
    const res = await fetch(target.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      statusCode: res.status,
      error: ok ? null : `The destination answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}.`,
      durationMs: elapsed(),
      retryable: !ok && (res.status === 408 || res.status === 429 || res.status >= 500),
    };
  } catch (error) {
    return { ok: false, statusCode: null, error: describeNetworkError(error, timeoutMs), durationMs: elapsed(), retryable: true };
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `No answer within ${timeoutMs} ms (timed out).`;
  const code = e.cause?.code;
  if (code === "ECONNREFUSED") return "Connection refused.";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "The host name does not resolve.";
  if (code) return `Network error (${code}).`;
  return `Network error: ${(e.cause?.message ?? e.message ?? "unknown").slice(0, 200)}`;
}

export const isTestEvent = (event: string) => event === TEST_EVENT;
