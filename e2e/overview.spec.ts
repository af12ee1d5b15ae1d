import { DEMO, expect, test } from "./fixtures";
import { OverviewPage } from "./pages/overview-page";

// The landing page answers "is everything fine?": after a deployer's CI-style deployment (API, execute: true) the
// stack shows up in the counts by status and at the top of the last deployments.
const STACK = "staging-network";
const HEALTHY = (status: string | null) => !!status && status.endsWith("_COMPLETE") && !status.includes("ROLLBACK") && status !== "DELETE_COMPLETE";

test("the overview counts a freshly deployed staging stack and lists its deployment", async ({ page, signInPage }) => {
  test.setTimeout(180_000);
  await signInPage.signInAndWaitForShell(DEMO.deployer);

  // Create the network stack, or (when an earlier spec left it deployed) change one parameter of it.
  const existing = await page.request.get(`/api/v1/stacks/${STACK}`);
  const current = existing.ok() ? await existing.json() : null;
  const exists = !!current && !current.deleted && !!current.status;
  const retention = current?.parameters?.FlowLogRetentionInDays === "5" ? 3 : 5;
  const started = await page.request.post("/api/v1/deployments", {
    data: { environment: "staging", template: "network", action: exists ? "update" : "create", parameters: { FlowLogRetentionInDays: retention }, execute: true },
  });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = await started.json();

  const overview = new OverviewPage(page);
  await overview.goto("staging");
  const live = await (await page.request.get(`/api/v1/deployments/${id}`)).json();
  if (live.status === "previewing" || live.status === "deploying") await expect(overview.progressOf(STACK)).toBeVisible();

  await expect.poll(async () => (await (await page.request.get(`/api/v1/deployments/${id}`)).json()).status, { timeout: 120_000, intervals: [1000] }).toBe("succeeded");

  const stacks = (await (await page.request.get("/api/v1/stacks?environment=staging&limit=200")).json()).items as { name: string; status: string | null }[];
  const healthy = stacks.filter((s) => HEALTHY(s.status)).length;
  expect(stacks.find((s) => s.name === STACK)?.status).toMatch(/_COMPLETE$/);

  await overview.goto("staging");
  await expect(overview.statusCount("healthy")).toHaveAccessibleName(`${healthy} healthy`);
  await expect(overview.progressOf(STACK)).toHaveCount(0);
  const first = overview.lastDeployments().getByRole("row").nth(1);
  await expect(first).toContainText(STACK);
  await expect(first).toContainText("succeeded");
  await expect(first.getByRole("link", { name: STACK })).toHaveAttribute("href", `/deployments/${id}`);

  // The count links to the Stacks page filtered by the same status.
  await overview.statusCount("healthy").click();
  await expect(page.getByText("Showing healthy stacks only")).toBeVisible();
  await expect(page.getByRole("table", { name: "Stacks" }).getByRole("link", { name: STACK })).toBeVisible();
});
