// A newcomer's first `npm run dev`: seconds from starting it to the sign-in page answering, to the demo seed
// reporting ready, and to a signed-in overview that shows the demo platform (seven stacks and the alarm in ALARM).
// Run it in a fresh clone (nothing in .data/): PORT=3010 EMBEDDED_PG_PORT=54310 SANDBOX_PORT=4510 npx tsx bench/fresh-start.ts
// It stops the npm run dev it started. Prints one line per milestone and a JSON summary.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const app = `http://localhost:${port}`;
const TIMEOUT_MS = 10 * 60_000;
const started = performance.now();
const at = () => Math.round((performance.now() - started) / 100) / 10;
const figures: Record<string, number> = {};
const mark = (name: string) => {
  if (figures[name] !== undefined) return;
  figures[name] = at();
  console.log(`${String(figures[name]).padStart(6)} s  ${name}`);
};

const dev = spawn("npm", ["run", "dev"], { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
const lines: string[] = [];
for (const stream of [dev.stdout, dev.stderr]) {
  createInterface({ input: stream }).on("line", (line) => {
    lines.push(line);
    if (line.includes("embedded PostgreSQL on")) console.log(`         ${line}`);
    if (/\[demo\]\s+demo ready/.test(line)) mark("demo seed reports ready");
    if (/\[demo\]\s+demo (seed stopped|data skipped)/.test(line)) console.log(`         ${line}`);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The credentials flow of next-auth, as a browser does it: csrf token, callback, session cookie. */
async function signIn(): Promise<string> {
  const csrf = await fetch(`${app}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${app}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken, email: "admin@example.com", password: process.env.DEMO_PASSWORD || "stackdeck-demo", json: "true" }),
  });
  return [cookies, ...response.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
}

async function main() {
  while (!(await fetch(`${app}/signin`).then((r) => r.ok, () => false))) await sleep(250);
  mark("sign-in page answers");
  const cookie = await signIn();
  for (;;) {
    const html = await fetch(`${app}/?env=staging`, { headers: { cookie } }).then((r) => r.text(), () => "");
    const text = html.replace(/<!--.*?-->/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    if (/Stacks by status \(7\)/.test(text)) mark("overview shows the seven staging stacks");
    if (/\d+ alarms? in ALARM/.test(text)) mark("overview shows the alarm in ALARM");
    if (figures["overview shows the alarm in ALARM"] && figures["overview shows the seven staging stacks"]) break;
    if (performance.now() - started > TIMEOUT_MS) throw new Error("the overview did not show the demo within 10 minutes");
    await sleep(1_000);
  }
  await sleep(1_000);
  console.log(JSON.stringify({ seconds: figures }));
}

main()
  .catch((error) => {
    console.error(`fresh-start: ${(error as Error).message}`);
    console.error(lines.slice(-30).join("\n"));
    process.exitCode = 1;
  })
  .finally(() => {
    try {
      process.kill(-dev.pid!, "SIGTERM"); // npm, dev.ts and its children share the group
    } catch {
      // already gone
    }
  });
