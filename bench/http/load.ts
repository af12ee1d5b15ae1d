// HTTP load for the page bench: a signed-in session (the real credentials flow), one client in a loop, and an
// open-loop generator that starts requests at a fixed rate whatever the answers do (latency counted from the
// planned start, so a server that falls behind cannot hide its queue).

export interface Target {
  name: string;
  kind: "page" | "api";
  /** Paths to cycle through (several stacks, deployments, alarms). */
  paths: string[];
}

export interface Sample {
  target: string;
  ms: number;
  ttfbMs: number;
  ok: boolean;
  status: number;
  /** CPU milliseconds the app spent meanwhile (1 client only: nothing else runs then). */
  cpuMs?: number;
}

export interface Auth {
  cookie: string;
  token: string;
}

function mergeCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const cut = pair!.indexOf("=");
    jar.set(pair!.slice(0, cut).trim(), pair!.slice(cut + 1));
  }
}

/** Signs in through next-auth's credentials flow like the sign-in form does; returns the session cookie header. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${url}/api/auth/csrf`);
  mergeCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  mergeCookies(jar, response);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${email} failed (${response.status})`);
  return cookie();
}

const TIMEOUT_MS = 10_000;

/** One request as a browser (pages, session cookie) or a script (API, bearer token) makes it; body read to the end. */
export async function measure(url: string, auth: Auth, target: Target, path: string, plannedAt = performance.now()): Promise<Sample> {
  const headers: Record<string, string> = target.kind === "api" ? { authorization: `Bearer ${auth.token}`, accept: "application/json" } : { cookie: auth.cookie, accept: "text/html" };
  try {
    const response = await fetch(`${url}${path}`, { headers, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
    const ttfbMs = performance.now() - plannedAt;
    const body = await response.text();
    const ok = response.status === 200 && body.length > 0;
    return { target: target.name, ms: performance.now() - plannedAt, ttfbMs, ok, status: response.status };
  } catch {
    return { target: target.name, ms: performance.now() - plannedAt, ttfbMs: NaN, ok: false, status: 0 };
  }
}

/**
 * One client, one request after the other, cycling through every target's paths for `seconds`. `appCpuMs` reads
 * the app's CPU time, so each sample also says what the request cost the server, whatever else the machine does.
 */
export async function oneClient(url: string, auth: Auth, targets: Target[], seconds: number, appCpuMs: () => number): Promise<Sample[]> {
  const samples: Sample[] = [];
  const end = performance.now() + seconds * 1000;
  for (let round = 0; performance.now() < end; round++) {
    for (const target of targets) {
      const cpu = appCpuMs();
      const sample = await measure(url, auth, target, target.paths[round % target.paths.length]!);
      samples.push({ ...sample, cpuMs: appCpuMs() - cpu });
    }
  }
  return samples;
}

/** `rate` requests per second for `seconds`, targets interleaved; each request starts on schedule. */
export async function openLoop(url: string, auth: Auth, targets: Target[], rate: number, seconds: number): Promise<Sample[]> {
  const total = Math.round(rate * seconds);
  const t0 = performance.now() + 100;
  const pending: Promise<Sample>[] = [];
  for (let i = 0; i < total; i++) {
    const target = targets[i % targets.length]!;
    const path = target.paths[Math.floor(i / targets.length) % target.paths.length]!;
    const plannedAt = t0 + (i * 1000) / rate;
    const wait = plannedAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(measure(url, auth, target, path, plannedAt));
  }
  return Promise.all(pending);
}

export interface Stats {
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  /** Mean app CPU per request (1 client phase). */
  cpuMs?: number;
}

export function stats(samples: Sample[]): Stats {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN);
  const cpu = samples.filter((s) => s.cpuMs !== undefined);
  const cpuMs = cpu.length ? Math.round(cpu.reduce((sum, s) => sum + s.cpuMs!, 0) / cpu.length) : undefined;
  return { n: samples.length, errors: samples.filter((s) => !s.ok).length, p50: at(0.5), p95: at(0.95), p99: at(0.99), ...(cpuMs === undefined ? {} : { cpuMs }) };
}
