import pg from "pg";
import { DEMO, expect, test } from "./fixtures";
import { DEMO_PASSWORD } from "./pages/sign-in-page";
import { DeploymentPage, deleteIfDeployed } from "./pages/deployment-page";
import { watchCsp } from "./support/csp";
import { passwordSignIn } from "./support/credentials";
import { startFront } from "./support/second-front";
import { e2eRuntime } from "./support/runtime";

// Issue 12's probes, re-run as an attacker would: headers, framing, the CSP with the whole console working under
// it, and the client address that rate limits and the audit log use.

test("pages and API answers carry the security headers; HSTS only over HTTPS, whatever a client claims", async ({ request }) => {
  const page = await request.get("/signin");
  const csp = page.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  expect(page.headers()).toMatchObject({
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": expect.stringContaining("camera=()"),
  });
  expect(page.headers()["strict-transport-security"]).toBeUndefined();
  // Every script Next rendered carries this response's nonce, and the next response gets another one.
  const html = await page.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect((await request.get("/signin")).headers()["content-security-policy"]).not.toContain(nonce);

  const claimed = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
  expect(claimed.headers()["strict-transport-security"]).toBeUndefined();
  expect(claimed.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");

  const api = await request.get("/api/health");
  expect(api.headers()).toMatchObject({ "content-security-policy": "default-src 'none'; frame-ancestors 'none'", "x-content-type-options": "nosniff" });
});

test("no other site can frame the console (clickjacking an approval)", async ({ page, baseURL }) => {
  // Another origin (localhost vs 127.0.0.1) on this machine: Chromium would block a public one for other reasons.
  const attacker = `${baseURL!.replace("127.0.0.1", "localhost")}/attacker`;
  await page.route(attacker, (route) =>
    route.fulfill({ contentType: "text/html", body: `<iframe id="victim" src="${baseURL}/signin" width="800" height="600"></iframe>` }),
  );
  await page.goto(attacker);
  // Chromium replaces a frame that frame-ancestors forbids with its error page.
  await expect.poll(() => page.frames().find((f) => f !== page.mainFrame())?.url()).toMatch(/^chrome-error:/);
  await expect(page.frameLocator("#victim").getByLabel("Email")).toHaveCount(0);
});

test("the console works with the CSP on: sign in, navigate, server actions, live updates over SSE", async ({ page, signInPage }) => {
  test.setTimeout(120_000);
  const csp = await watchCsp(page);
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  for (const path of ["/", "/stacks", "/templates", "/templates/network", "/deployments", "/alarms", "/costs"]) {
    await page.goto(path);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  }
  // A server action (and React hydrated to show its answer).
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("csp check");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toHaveText(/^sdk_/);
  // A deployment followed live: its page updates over SSE until CloudFormation is done.
  await deleteIfDeployed(page, "staging-network");
  const started = await page.request.post("/api/v1/deployments", {
    data: { environment: "staging", template: "network", action: "create", parameters: {}, execute: true },
  });
  expect(started.status(), await started.text()).toBe(202);
  await page.goto(`/deployments/${(await started.json()).id}`);
  await new DeploymentPage(page).waitForSuccess();
  expect(csp.violations()).toEqual([]);
  await deleteIfDeployed(page, "staging-network");
});

test("behind a trusted TLS proxy: HSTS, Secure cookies, and the address the proxy saw", async () => {
  const front = await startFront({ TRUST_PROXY_HOPS: "1", NEXTAUTH_URL: "https://console.example.test" });
  try {
    // The proxy appends the address it saw (198.51.100.23); what the client sent itself (203.0.113.7) sits left of it.
    const viaProxy = { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7, 198.51.100.23" };
    const page = await fetch(`${front.url}/signin`, { headers: viaProxy });
    expect(page.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");

    const ok = await passwordSignIn(front.url, DEMO.viewer, DEMO_PASSWORD, viaProxy);
    expect(ok.signedIn).toBe(true);
    const session = ok.setCookies.find((c) => c.startsWith("__Secure-next-auth.session-token="))!;
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);

    const failed = await passwordSignIn(front.url, `nobody-${Date.now()}@example.com`, "wrong", viaProxy);
    expect(failed.signedIn).toBe(false);
    const db = new pg.Client({ connectionString: e2eRuntime().databaseUrl });
    await db.connect();
    const { rows } = await db.query(`SELECT source_ip FROM audit_events WHERE action = 'auth.sign_in_failed' ORDER BY seq DESC LIMIT 1`);
    await db.end();
    expect(rows[0].source_ip).toBe("198.51.100.23");
  } finally {
    await front.stop();
  }
});

test("a forged X-Forwarded-For does not reset the per-IP sign-in limit, nor change the audited address", async ({ baseURL }) => {
  const owner = new pg.Client({ connectionString: e2eRuntime().ownerUrl });
  await owner.connect();
  const since = new Date();
  try {
    // Password spraying: ten accounts, one wrong password each (so no account limit trips), one client.
    for (let i = 0; i < 10; i++) {
      const attempt = await passwordSignIn(baseURL!, `spray-${i}-${Date.now()}@example.com`, "Winter2026!", { "x-forwarded-for": `203.0.113.${i}` });
      expect(attempt.signedIn).toBe(false);
    }
    // The same client, a correct password, and yet another forged address: still the same client, still refused.
    const forged = await passwordSignIn(baseURL!, DEMO.approver, DEMO_PASSWORD, { "x-forwarded-for": "203.0.113.7" });
    expect(forged).toMatchObject({ signedIn: false, error: expect.stringContaining("Too many failed sign-ins") });
    const { rows } = await owner.query(`SELECT DISTINCT source_ip FROM audit_events WHERE occurred_at >= $1 AND action LIKE 'auth.%'`, [since]);
    expect(rows.map((r) => r.source_ip)).toEqual(["127.0.0.1"]);
  } finally {
    // Every spec signs in from 127.0.0.1: forget this spec's failures (as the owner; the app may not delete them).
    await owner.query(`DELETE FROM sign_in_attempts WHERE created_at >= $1`, [since]);
    await owner.end();
  }
});
