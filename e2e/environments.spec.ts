import { mkdirSync } from "node:fs";
import { DEMO, expect, test } from "./fixtures";
import { EnvironmentsPage } from "./pages/environments-page";

// Issue 14: environments are AWS accounts. An admin gives production another console role, tests the connection
// (STS says who the console is there) and a production change runs in production's account. Production's settings
// are restored in `finally` (specs share the database).

const PRODUCTION_ACCOUNT = "222222222222";
const E2E_ROLE = `arn:aws:iam::${PRODUCTION_ACCOUNT}:role/stackdeck-console-e2e`;
const SHOTS = "/work/notes/shots/i14";

type Environment = { key: string; accountId: string; region: string; roleArn: string | null; serviceRoleArn: string | null };

test("an admin sets production's role, tests the connection, and a production deployment runs in that account", async ({ page, signInPage }) => {
  test.setTimeout(180_000);
  await signInPage.signInAndWaitForShell(DEMO.admin);
  const listed = (await (await page.request.get("/api/v1/environments")).json()) as { items: Environment[] };
  const production = listed.items.find((e) => e.key === "production")!;
  const staging = listed.items.find((e) => e.key === "staging")!;
  expect(production.accountId).toBe(PRODUCTION_ACCOUNT);
  expect(staging.accountId).not.toBe(production.accountId);
  try {
    const environments = new EnvironmentsPage(page);
    await environments.open();
    await environments.setRole("Production", E2E_ROLE);
    await expect(page.getByLabel("Production AWS target")).toContainText(E2E_ROLE);
    const result = await environments.testConnection("production");
    await expect(result).toContainText("Connected");
    await expect(result).toContainText(`account ${PRODUCTION_ACCOUNT} as arn:aws:sts::${PRODUCTION_ACCOUNT}:assumed-role/stackdeck-console-e2e/admin@example.com`);
    await expect(result).toContainText("A role of this account");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/environments.png`, fullPage: true });

    // A production change (the iam stack: created, or updated when another spec left it), applied by the admin with
    // emergency access so no approver is needed; it lives in production's account.
    const current = await page.request.get("/api/v1/stacks/production-iam");
    const exists = current.ok() && Boolean((await current.json()).status);
    const started = await page.request.post("/api/v1/deployments", {
      data: { environment: "production", template: "iam", action: exists ? "update" : "create", parameters: { GitHubRepository: `acme/accounts-${Date.now().toString(36)}` } },
    });
    expect(started.status(), await started.text()).toBe(202);
    const { id } = await started.json();
    await expect.poll(async () => (await (await page.request.get(`/api/v1/deployments/${id}`)).json()).status, { timeout: 60_000, intervals: [250] }).toBe("ready");
    const executed = await page.request.post(`/api/v1/deployments/${id}/execute`, { data: { breakGlass: true, reason: "e2e: a production change in its own account" } });
    expect(executed.status(), await executed.text()).toBe(202);
    await expect.poll(async () => (await (await page.request.get(`/api/v1/deployments/${id}`)).json()).status, { timeout: 90_000, intervals: [500] }).toBe("succeeded");

    const stack = await (await page.request.get("/api/v1/stacks/production-iam")).json();
    expect(stack).toMatchObject({ accountId: PRODUCTION_ACCOUNT, region: production.region, managed: true });
    expect(stack.stackId).toContain(`:${PRODUCTION_ACCOUNT}:stack/production-iam/`);
    await page.goto("/stacks/production-iam");
    await expect(page.getByText(`account ${PRODUCTION_ACCOUNT}`)).toBeVisible();
  } finally {
    const restored = await page.request.put("/api/v1/environments/production", {
      data: { accountId: production.accountId, region: production.region, roleArn: production.roleArn, serviceRoleArn: production.serviceRoleArn, sessionDurationSeconds: 3600 },
    });
    expect(restored.status(), await restored.text()).toBe(200);
  }
});

test("the environments API and page refuse what a viewer may not do", async ({ page, signInPage }) => {
  await signInPage.signInAndWaitForShell(DEMO.viewer);
  const listed = await page.request.get("/api/v1/environments");
  expect(listed.status()).toBe(200);
  const put = await page.request.put("/api/v1/environments/production", { data: { accountId: "bad" } });
  expect(put.status()).toBe(403); // before the body is validated
  await page.goto("/environments");
  await expect(page.getByRole("heading", { name: "Staging" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Test connection" })).toHaveCount(0);
});
