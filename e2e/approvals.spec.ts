import { readFileSync } from "node:fs";
import { AuditPage } from "./pages/audit-page";
import { DEMO, expect, signedInContext, test } from "./fixtures";
import { ApprovalPanel } from "./pages/approval-panel";
import { DeploymentPage } from "./pages/deployment-page";

// Four eyes, end to end: a deployer previews a production change and asks for approval; the approver finds it in
// the queue (with the badge in the navigation) and approves it; the deployer executes it and watches it finish.
test("a production change is requested, approved by someone else, then executed", async ({ page, signInPage, browser }) => {
  test.setTimeout(180_000);
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  await page.goto("/templates?env=production");
  await page.getByRole("link", { name: "Network" }).click();
  await page.getByRole("link", { name: "Create stack in Production" }).click();
  await page.getByRole("button", { name: "Preview change" }).click();
  const deployment = new DeploymentPage(page);
  await deployment.waitForPreview();
  await expect(page.getByRole("button", { name: "Deploy", exact: true })).toHaveCount(0);
  const mine = new ApprovalPanel(page);
  await mine.requestApproval("New production network for the launch");
  await expect(page.getByText("Someone else must approve this change")).toBeVisible();
  const deploymentUrl = page.url();
  const id = deploymentUrl.split("/").pop()!;

  // The requester cannot approve their own change, not even through the API.
  const selfApproval = await page.request.post(`/api/v1/deployments/${id}/approve`, { data: { comment: "me" } });
  expect(selfApproval.status()).toBe(403);

  const approverContext = await signedInContext(browser, DEMO.approver);
  const approverPage = await approverContext.newPage();
  await approverPage.goto("/approvals");
  const queue = new ApprovalPanel(approverPage);
  await expect(queue.navCount()).toHaveText("1");
  await queue.pendingTable().getByRole("link", { name: "create production-network" }).click();
  await expect(approverPage.getByText("New production network for the launch")).toBeVisible();
  await queue.approve("Checked the change set and the cost");
  await expect(queue.approvalCount()).toHaveText("1 of 1 approvals");
  await expect(queue.navCount()).toHaveCount(0);
  await approverContext.close();

  await page.reload();
  await expect(mine.approvalCount()).toHaveText("1 of 1 approvals");
  await deployment.deploy();
  await expect(deployment.progress()).toBeVisible();
  await deployment.waitForSuccess();

  // Afterwards the audit log tells the whole story, in order, and exports it.
  const adminContext = await signedInContext(browser, DEMO.admin);
  const adminPage = await adminContext.newPage();
  const audit = new AuditPage(adminPage);
  await audit.goto();
  await audit.filter({ Stack: "production-network", Action: "deployment." });
  const story = ["deployment.previewed", "deployment.preview_ready", "deployment.approval_requested", "deployment.approved", "deployment.executed", "deployment.started", "deployment.succeeded"];
  const actions = (await audit.entries().allTextContents())
    .map((row) => story.find((a) => row.includes(a)))
    .filter((a): a is string => Boolean(a))
    .reverse(); // the page is newest first
  expect(actions).toEqual(story);
  const csv = await (await audit.download("CSV")).path();
  const text = readFileSync(csv, "utf8");
  for (const action of story) expect(text).toContain(action);
  expect(text.indexOf("deployment.approved")).toBeLessThan(text.indexOf("deployment.approval_requested")); // newest first
  await adminContext.close();
});
