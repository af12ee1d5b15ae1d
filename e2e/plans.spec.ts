import { mkdirSync } from "node:fs";
import { createDb } from "../lib/db/client";
import { getApprovalPolicy, updateApprovalPolicy } from "../lib/approvals/policy";
import { DEMO, expect, signedInContext, test } from "./fixtures";
import { PlanPage } from "./pages/plan-page";
import { e2eRuntime } from "./support/runtime";

// Issue 15 end to end: the Environment page draws the platform; "Plan the platform" (with a value the profile
// leaves to the user) becomes one plan that, where approval is required, is approved as a whole by someone else
// and then applied by itself, followed live on the plan page's timeline. Staging is made to require approval for
// this test only (restored in finally); the plan only updates the demo's existing iam stack, so nothing is left
// to clean up but the changed repository name, which later specs do not read.

const SHOTS = "/work/notes/shots/i15";

test("a platform plan is approved as a whole by another user and applied; the graph and the timeline show it", async ({ page, signInPage, browser }) => {
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  const runtime = e2eRuntime();
  process.env.AUDIT_HMAC_KEY = runtime.auditKey; // the policy change is a domain command, audited
  const db = createDb(runtime.databaseUrl);
  const before = await getApprovalPolicy(db, "staging");
  const restore = { environment: "staging", requiresApproval: before.requiresApproval, approvers: before.approvers, validityHours: before.validityHours, costThresholdUsd: before.costThresholdUsd };
  await updateApprovalPolicy(db, { actor: "system", input: { ...restore, requiresApproval: true, approvers: 1 } });
  try {
    await signInPage.signInAndWaitForShell(DEMO.deployer);
    const plans = new PlanPage(page);
    await plans.gotoEnvironment("staging");
    for (const template of ["network", "security", "database", "cache", "load-balancer", "service", "iam"]) await expect(plans.graphNode(template)).toBeVisible();
    await expect(plans.graphNode("network")).toContainText("CREATE_COMPLETE");
    await page.getByRole("figure").screenshot({ path: `${SHOTS}/environment-graph.png` });

    const repository = `acme/storefront-${Date.now().toString(36)}`;
    const id = await plans.planPlatform({ values: { "iam · GitHubRepository (required)": repository }, execute: true, note: "Let the new repository deploy" });
    await expect(plans.status()).toContainText("awaiting approval", { timeout: 60_000 });
    await expect(page.getByTestId("plan-stack-iam")).toContainText("update");
    await expect(page.getByTestId("plan-stack-network")).toContainText("no change");

    // Four eyes: the requester cannot approve the plan, not even through the API.
    const self = await page.request.post(`/api/v1/plans/${id}/approve`, { data: { comment: "me" } });
    expect(self.status()).toBe(403);

    const approverContext = await signedInContext(browser, DEMO.approver);
    const approverPage = await approverContext.newPage();
    await approverPage.goto(`/plans/${id}`);
    await expect(approverPage.getByText("waiting for 1 approval(s) of the whole plan")).toBeVisible();
    await new PlanPage(approverPage).approve("Reviewed the trust policy change");
    await approverContext.close();

    // Nobody clicks Apply: the approved plan runs, and the open page follows it live.
    await expect(plans.result()).toContainText("Applied 1 stacks", { timeout: 120_000 });
    await expect(plans.timelineRow("iam")).toHaveAttribute("data-status", "succeeded");
    await expect(plans.timelineRow("database")).toHaveAttribute("data-status", "no_change");
    await page.screenshot({ path: `${SHOTS}/plan-timeline.png`, fullPage: true });

    const plan = (await (await page.request.get(`/api/v1/plans/${id}`)).json()) as { status: string; stacks: { template: string; status: string; deploymentId: string | null }[] };
    expect(plan.status).toBe("succeeded");
    expect(plan.stacks.filter((s) => s.deploymentId).map((s) => s.template)).toEqual(["iam"]);
  } finally {
    await updateApprovalPolicy(db, { actor: "system", input: restore });
    await db.$disconnect();
  }
});
