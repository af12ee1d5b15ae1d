import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import type { Page } from "@playwright/test";
import { DEMO, expect, test } from "./fixtures";
import { DeploymentPage, deleteIfDeployed } from "./pages/deployment-page";
import { e2eRuntime } from "./support/runtime";

// The cache's Redis AUTH token, when a user supplies their own, is a NoEcho parameter: it may travel from the form
// to CloudFormation and nowhere else. Deploy with one through the console, then look for it everywhere a person or
// a script could see it, and in the database itself.
const TOKEN = `Redis-${randomBytes(16).toString("hex")}-Auth`; // 16-128 letters, digits and "-", as ElastiCache wants

async function ensureStack(page: Page, template: string) {
  const existing = await page.request.get(`/api/v1/stacks/staging-${template}`);
  if (existing.ok() && !(await existing.json()).deleted) return false;
  const started = await page.request.post("/api/v1/deployments", { data: { environment: "staging", template, action: "create", parameters: {}, execute: true } });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = await started.json();
  await expect.poll(async () => (await (await page.request.get(`/api/v1/deployments/${id}`)).json()).status, { timeout: 120_000, intervals: [1000] }).toBe("succeeded");
  return true;
}

test("a NoEcho value (a user's Redis AUTH token) appears in no API answer, SSE event, page, audit entry, export or log line", async ({ page, signInPage }) => {
  test.setTimeout(420_000);
  await signInPage.signInAndWaitForShell(DEMO.admin);
  const created = [(await ensureStack(page, "network")) && "network", (await ensureStack(page, "security")) && "security"].filter(Boolean) as string[];
  try {
    await deleteIfDeployed(page, "staging-cache");

    // A bad token is refused without being repeated back.
    const refused = await page.request.post("/api/v1/deployments", {
      data: { environment: "staging", template: "cache", action: "create", parameters: { AuthToken: `${TOKEN}@` } },
    });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).not.toContain(TOKEN);

    // Through the console's form (a server action), then the deployment followed live.
    await page.goto("/templates/cache?env=staging");
    await page.getByRole("link", { name: "Create stack in Staging" }).click();
    // The template page has an estimate form with an AuthToken field too: type into the change form, once it is there.
    await page.waitForURL(/\/stacks\/new\?/);
    const form = page.getByRole("form", { name: "Change parameters" });
    await form.getByLabel("AuthToken", { exact: true }).fill(TOKEN);
    await expect(form.getByLabel("AuthToken", { exact: true })).toHaveValue(TOKEN);
    await form.getByRole("button", { name: "Preview change" }).click();
    const deployment = new DeploymentPage(page);
    await deployment.waitForPreview();
    const id = page.url().split("/deployments/")[1]!;
    const seen: [string, string][] = [["preview page", await page.content()]];
    const sse = page.request.get(`/api/v1/deployments/${id}/events`); // the stream ends with the deployment
    await deployment.deploy();
    await deployment.waitForSuccess();
    seen.push(["deployment page (live)", await page.content()], ["SSE stream", await (await sse).text()]);

    const api = ["/api/v1/me", `/api/v1/deployments/${id}`, `/api/v1/deployments/${id}/events?format=json`, "/api/v1/deployments?environment=staging",
      "/api/v1/stacks?environment=staging", "/api/v1/stacks/staging-cache", "/api/v1/templates/cache?environment=staging", "/api/v1/audit?limit=200",
      "/api/v1/audit/export?format=csv", "/api/v1/audit/export?format=jsonl"];
    const pages = [`/deployments/${id}`, "/stacks/staging-cache", "/stacks/staging-cache/change?action=update", "/templates/cache?env=staging", "/audit", "/deployments", "/"];
    for (const path of [...api, ...pages]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      seen.push([path, await response.text()]);
    }
    for (const path of pages) {
      await page.goto(path);
      seen.push([`${path} (rendered)`, await page.content()]);
    }
    seen.push(["server log", readFileSync(e2eRuntime().logFile, "utf8")], ["database", await databaseDump()]);

    expect(seen.filter(([, text]) => text.includes(TOKEN)).map(([where]) => where)).toEqual([]);
    // It was there, masked: the deployment records that a value was sent, never which.
    expect((await (await page.request.get(`/api/v1/deployments/${id}`)).json()).parameters.AuthToken).toBe("****");
  } finally {
    // Even when an assertion failed: the next spec (and this one's retry) must not find our stacks.
    await deleteIfDeployed(page, "staging-cache");
    for (const template of created.reverse()) await deleteIfDeployed(page, `staging-${template}`);
  }
});

/** Every row of every table, as text (as the owner: the whole database, pg-boss's job data included). */
async function databaseDump(): Promise<string> {
  const db = new pg.Client({ connectionString: e2eRuntime().ownerUrl });
  await db.connect();
  try {
    const { rows: tables } = await db.query(`SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN ('public', 'stackdeck_jobs')`);
    const parts: string[] = [];
    for (const t of tables) {
      const { rows } = await db.query(`SELECT t::text AS row FROM ${db.escapeIdentifier(t.schemaname)}.${db.escapeIdentifier(t.tablename)} t`);
      parts.push(...rows.map((r) => r.row));
    }
    return parts.join("\n");
  } finally {
    await db.end();
  }
}
