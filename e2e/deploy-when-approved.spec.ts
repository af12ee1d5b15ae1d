import { DEMO, expect, signedInContext, test } from "./fixtures";
import { ApprovalPanel } from "./pages/approval-panel";
import { DeploymentPage } from "./pages/deployment-page";

// "Deploy when approved" (issue 10, item 4): in an environment that requires approval, a change asked to be
// applied automatically goes to the approvers by itself and is applied, as its requester, once the last approval
// lands: in the console (the change form's checkbox) and from CI (the API's "execute": true).

const STACK = "production-iam";
const statusOf = async (api: { get(url: string): Promise<{ json(): Promise<unknown> }> }, id: string) =>
  ((await (await api.get(`/api/v1/deployments/${id}`)).json()) as { status: string }).status;

test("a change with “Deploy when approved” waits for the approver and is then applied without another click", async ({ page, signInPage, browser }) => {
  test.setTimeout(180_000);
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  // A retried run finds it created; a stack row whose first preview was never applied (another spec's rejected
  // change) has no status and is created, not updated.
  const current = await page.request.get(`/api/v1/stacks/${STACK}`);
  const exists = current.ok() && Boolean((await current.json()).status);
  await page.goto(exists ? `/stacks/${STACK}/change` : "/stacks/new?env=production&template=iam");
  await page.getByLabel("GitHubRepository").fill(exists ? "acme/console-retry" : "acme/console");
  await page.getByLabel("Note (optional)").fill("Deploy role for the console repository");
  await page.getByLabel("Deploy when approved").check();
  await page.getByRole("button", { name: "Preview change" }).click();

  const deployment = new DeploymentPage(page);
  await expect(page.getByRole("heading", { name: "Approval request" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Deploy when approved: it is applied, as requested by deployer@example.com")).toBeVisible();
  await expect(page.getByText("Deploy role for the console repository").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Deploy", exact: true })).toHaveCount(0);
  const id = page.url().split("/deployments/")[1]!;

  const approverContext = await signedInContext(browser, DEMO.approver);
  const approverPage = await approverContext.newPage();
  await approverPage.goto(`/deployments/${id}`);
  await new ApprovalPanel(approverPage).approve("Reviewed the role's trust policy");
  await approverContext.close();

  // Nobody clicks Deploy: the approval applied it. The requester's open page follows it live.
  await expect(deployment.progress()).toBeVisible({ timeout: 30_000 });
  await deployment.waitForSuccess();
  await page.screenshot({ path: test.info().outputPath("deploy-when-approved.png"), fullPage: true });
});

test("CI: execute: true in production waits for the approval, then applies it; execute accepts an empty body", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const deployerContext = await signedInContext(browser, DEMO.deployer);
  const tokenPage = await deployerContext.newPage();
  const created = await tokenPage.request.post("/api/v1/tokens", { data: { name: "ci deploy when approved" } });
  expect(created.status()).toBe(201);
  const { token } = await created.json();
  const ci = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });

  const started = await ci.post("/api/v1/deployments", {
    data: { environment: "production", template: "iam", action: "update", parameters: { GitHubRepository: "acme/ci-pipeline" }, execute: true, note: "Pipeline run 7" },
  });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = await started.json();
  await expect.poll(() => statusOf(ci, id), { timeout: 30_000, intervals: [250] }).toBe("awaiting_approval");

  // An empty body is no body: here it is refused for the right reason (approval pending), not as bad JSON.
  const bodiless: Record<string, string>[] = [{}, { "content-type": "application/json" }];
  for (const headers of bodiless) {
    const early = await ci.post(`/api/v1/deployments/${id}/execute`, { headers });
    expect(early.status()).toBe(403);
    expect((await early.json()).error.message).toContain("still waiting for approvers");
  }

  const approverContext = await signedInContext(browser, DEMO.approver);
  const approved = await approverContext.request.post(`/api/v1/deployments/${id}/approve`, { data: { comment: "Pipeline change reviewed" } });
  expect(approved.status(), await approved.text()).toBe(200);
  await expect.poll(() => statusOf(ci, id), { timeout: 60_000, intervals: [250] }).toBe("succeeded");

  const adminContext = await signedInContext(browser, DEMO.admin);
  const audit = await (await adminContext.request.get(`/api/v1/audit?action=deployment.executed&stack=${STACK}`)).json();
  const entry = audit.items.find((e: { details: { deploymentId?: string } }) => e.details.deploymentId === id);
  expect(entry).toMatchObject({ actorLabel: DEMO.deployer, details: { appliedOnApproval: true, approvedBy: [DEMO.approver] } });

  // Executing a finished deployment with no body: a conflict that says why, never "not valid JSON".
  const late = await ci.post(`/api/v1/deployments/${id}/execute`);
  expect(late.status()).toBe(409);
  await Promise.all([ci.dispose(), deployerContext.close(), approverContext.close(), adminContext.close()]);
});
