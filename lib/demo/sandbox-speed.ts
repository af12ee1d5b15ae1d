// The sandbox's own control endpoint (sandbox/README.md, "Operability"): the seed runs the simulated AWS
// durations faster while it builds the demo, then gives the sandbox back the pace `npm run dev` chose, so what a
// person starts afterwards moves at a pace they can watch. Only ever used against the local sandbox.

export const SEED_SPEED = 0.001;

async function config(endpoint: string, body: { speed?: number }): Promise<{ speed: number }> {
  const response = await fetch(new URL("/_sandbox/config", endpoint), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`the sandbox refused ${JSON.stringify(body)}: HTTP ${response.status}`);
  return (await response.json()) as { speed: number };
}

/** Runs `fn` with the sandbox at `speed`, and restores the speed it had, whatever happens. */
export async function withSandboxSpeed<T>(endpoint: string, speed: number, fn: () => Promise<T>): Promise<T> {
  const before = (await config(endpoint, {})).speed;
  await config(endpoint, { speed });
  try {
    return await fn();
  } finally {
    await config(endpoint, { speed: before }).catch((error) => console.error(`could not restore the sandbox speed ${before}: ${(error as Error).message}`));
  }
}

/** Waits until the sandbox answers its health check (it starts beside the app, a second or two after). */
export async function waitForSandbox(endpoint: string, signal: AbortSignal, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!signal.aborted) {
    const ok = await fetch(new URL("/_sandbox/health", endpoint)).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`the sandbox at ${endpoint} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
