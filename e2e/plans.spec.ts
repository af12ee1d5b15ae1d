import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { createDb } from "../lib/db/client";
import { getApprovalPolicy, updateApprovalPolicy } from "../lib/approvals/policy";
import { DEMO, expect, signedInContext, test } from "./fixtures";
import { PlanPage } from "./pages/plan-page";
import { deleteIfDeployed } from "./pages/deployment-page";
import { e2eRuntime } from "./support/runtime";

// Issue 15 end to end: the Environment page draws the platform; "Plan the platform" (with the value the profile
// leaves to the user) becomes one plan for all seven stacks that, where approval is required, is approved as a
// whole by someone else and then applies itself in dependency order, followed live on the plan page's timeline.
// Staging is made to require approval for this test only; finally restores the policy and deletes the platform
// again with a destroy plan (stack by stack if that fails), so later specs find staging as it was.

const SHOTS = "/work/notes/shots/i15";
const TEMPLATES = ["iam", "network", "security", "cache", "database", "load-balancer", "service"];

type PlanJson = { status: string; resultReason: string | null; stacks: { template: string; status: string; deploymentId: string | null }[] };
const getPlan = async (page: Page, id: string) => (await (await page.request.get(`/api/v1/plans/${id}`)).json()) as PlanJson;

test("the platform is planned as one, approved as a whole by another user and applied; the graph and the timeline show it", async ({ page, signInPage, browser }) => {
  test.setTimeout(480_000);
  mkdirSync(SHOTS, { recursive: true });
  const runtime = e2eRuntime();
  process.env.AUDIT_HMAC_KEY = runtime.auditKey; // the policy change is a domain command, audited
  const db = createDb(runtime.databaseUrl);
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  // Earlier specs may have left some of staging's stacks: start from an empty staging, as the plan below expects.
  await destroyStaging(page);
  const before = await getApprovalPolicy(db, "staging");
  const restore = { environment: "staging", requiresApproval: before.requiresApproval, approvers: before.approvers, validityHours: before.validityHours, costThresholdUsd: before.costThresholdUsd };
  await updateApprovalPolicy(db, { actor: "system", input: { ...restore, requiresApproval: true, approvers: 1 } });
  let id: string | null = null;
  try {
    const plans = new PlanPage(page);
    await plans.gotoEnvironment("staging");
    for (const template of TEMPLATES) await expect(plans.graphNode(template)).toBeVisible();

    // The profile leaves GitHubRepository to the user: the form asks for it, and refuses the plan without it.
    const form = page.getByRole("form", { name: "Plan the platform" });
    await form.getByLabel("iam · GitHubRepository (required)").fill("");
    await form.getByRole("button", { name: "Plan the platform" }).click();
    await expect(form.getByRole("alert")).toContainText("iam.GitHubRepository");

    id = await plans.planPlatform({ values: { "iam · GitHubRepository (required)": "acme/storefront" }, execute: true, note: "Provision the platform for the launch" });
    await expect(plans.status()).toContainText("awaiting approval", { timeout: 60_000 });
    await expect(page.getByTestId("plan-stack-network")).toContainText("create");
    await expect(page.getByTestId("plan-stack-service")).toContainText("Previewed once its upstream is applied");

    // Four eyes: the requester cannot approve the plan, not even through the API.
    const self = await page.request.post(`/api/v1/plans/${id}/approve`, { data: { comment: "me" } });
    expect(self.status()).toBe(403);

    const approverContext = await signedInContext(browser, DEMO.approver);
    const approverPage = await approverContext.newPage();
    await approverPage.goto(`/plans/${id}`);
    await expect(approverPage.getByText("waiting for 1 approval(s) of the whole plan")).toBeVisible();
    await new PlanPage(approverPage).approve("Reviewed the seven stacks and the cost");
    await approverContext.close();

    // Nobody clicks Apply: the approved plan runs, and the open page follows it live.
    await expect(plans.timelineRow("security")).toHaveAttribute("data-status", "succeeded", { timeout: 120_000 });
    await page.screenshot({ path: `${SHOTS}/plan-timeline-running.png`, fullPage: true });
    await expect(plans.result()).toContainText("Applied 7 stacks", { timeout: 300_000 });
    for (const template of TEMPLATES) await expect(plans.timelineRow(template)).toHaveAttribute("data-status", "succeeded");
    await page.screenshot({ path: `${SHOTS}/plan-timeline.png`, fullPage: true });
    const plan = await getPlan(page, id);
    expect(plan.status).toBe("succeeded");
    expect(plan.stacks.every((s) => s.deploymentId)).toBe(true);

    await plans.gotoEnvironment("staging");
    await expect(plans.graphNode("service")).toContainText("CREATE_COMPLETE");
    await page.getByRole("figure").screenshot({ path: `${SHOTS}/environment-graph.png` });
  } finally {
    // A plan this test left unfinished gives up its previews, so no stack keeps an active change.
    if (id) await cancelAndDiscard(page, id);
    await updateApprovalPolicy(db, { actor: "system", input: restore });
    await db.$disconnect();
    await destroyStaging(page);
  }
});

/** A destroy plan (reverse dependency order); whatever it leaves is deleted stack by stack. */
async function destroyStaging(page: Page) {
  const started = await page.request.post("/api/v1/plans", { data: { environment: "staging", action: "destroy", execute: true } });
  if (started.status() === 202) {
    const { id } = (await started.json()) as { id: string };
    await expect.poll(async () => (await getPlan(page, id)).status, { timeout: 240_000, intervals: [1000] }).toMatch(/succeeded|failed|cancelled/);
  }
  for (const template of [...TEMPLATES].reverse()) await deleteIfDeployed(page, `staging-${template}`);
}

/** Cancels a plan that has not finished and waits until the runner has discarded its previews. */
async function cancelAndDiscard(page: Page, id: string) {
  await page.request.post(`/api/v1/plans/${id}/cancel`);
  const pending = async () => {
    const ids = (await getPlan(page, id)).stacks.map((s) => s.deploymentId).filter((d): d is string => !!d);
    const statuses = await Promise.all(ids.map(async (d) => ((await (await page.request.get(`/api/v1/deployments/${d}`)).json()) as { status: string }).status));
    return statuses.filter((s) => s === "previewing" || s === "ready").length;
  };
  await expect.poll(pending, { timeout: 90_000, intervals: [1000] }).toBe(0);
}
