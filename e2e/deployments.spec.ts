import { DEMO, expect, test } from "./fixtures";
import { DeploymentPage, deleteIfDeployed } from "./pages/deployment-page";

// The heart of the product, end to end: catalog -> parameters -> change set preview -> deploy with live progress ->
// outputs -> update -> roll back to the first version. The sandbox runs at a speed a test can watch.
test("a deployer creates a staging network stack, watches it live, updates it and rolls back to the first version", async ({ page, signInPage }) => {
  test.setTimeout(180_000);
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  await deleteIfDeployed(page, "staging-network"); // other specs may have left it: start from nothing
  await page.goto("/templates?env=staging");
  await page.getByRole("link", { name: "Network" }).click();
  await page.getByRole("link", { name: "Create stack in Staging" }).click();

  await page.getByRole("button", { name: "Preview change" }).click();
  const deployment = new DeploymentPage(page);
  await deployment.waitForPreview();
  const firstDeploymentId = page.url().split("/deployments/")[1]!;
  const changes = page.getByRole("table", { name: "Resource changes" });
  await expect(changes.getByRole("row").filter({ has: page.getByRole("cell", { name: "AWS::EC2::VPC", exact: true }) })).toContainText("Add");
  await expect(page.getByText(/Monthly cost: \$0\.00 → \$\d+\.\d\d/)).toBeVisible();

  await deployment.deploy();
  await expect(deployment.progress()).toBeVisible();
  await deployment.waitForSuccess();
  await expect(deployment.progress()).toHaveAttribute("aria-valuenow", "100"); // every created resource sent its events
  await expect(page.getByRole("table", { name: "Events" })).toContainText("CREATE_COMPLETE");

  await page.getByRole("link", { name: "← staging-network" }).click();
  await expect(page.getByRole("table", { name: "Outputs" })).toContainText("staging-network-VpcId");

  // Update: keep flow logs for 14 days instead of 7.
  await page.getByRole("link", { name: "Update", exact: true }).click();
  await page.getByLabel("FlowLogRetentionInDays").selectOption("14");
  await page.getByRole("button", { name: "Preview change" }).click();
  await deployment.waitForPreview();
  await expect(page.getByRole("table", { name: "Parameter changes" })).toContainText("14");
  await expect(page.getByRole("table", { name: "Resource changes" })).toContainText("Modify");
  await deployment.deploy();
  await deployment.waitForSuccess();
  // The flow log and its role were listed for a dynamic change that came to nothing: no events, and the page says so.
  await expect(page.getByRole("status").filter({ hasText: "The change was applied." })).toContainText("sent no events for 2 of the 3 changed resources (FlowLogRole, VpcFlowLog)");

  // Roll back to the first deployment: its parameters come back.
  await page.getByRole("link", { name: "← staging-network" }).click();
  await expect(page.getByRole("table", { name: "Parameters" }).getByRole("row").filter({ hasText: "FlowLogRetentionInDays" })).toContainText("14");
  await page.getByRole("button", { name: `Roll back to deployment ${firstDeploymentId.slice(0, 8)}` }).click();
  await deployment.waitForPreview();
  await expect(page.getByRole("table", { name: "Parameter changes" })).toContainText("7");
  await deployment.deploy();
  await deployment.waitForSuccess();
  await page.getByRole("link", { name: "← staging-network" }).click();
  await expect(page.getByRole("table", { name: "Parameters" }).getByRole("row").filter({ hasText: "FlowLogRetentionInDays" })).toContainText("7");
  // Newest first: our rollback, update and create (older rows belong to earlier lives of the same stack name).
  const rows = page.getByRole("table", { name: "Deployment history" }).getByRole("row");
  for (const [i, action] of ["rollback", "update", "create"].entries()) {
    await expect(rows.nth(i + 1)).toContainText(action);
    await expect(rows.nth(i + 1)).toContainText("succeeded");
  }
});

test("a viewer sees stacks but cannot preview a change: the server refuses the API call", async ({ page, signInPage }) => {
  await signInPage.signInAndWaitForShell(DEMO.viewer);
  const refused = await page.request.post("/api/v1/deployments", {
    data: { environment: "staging", template: "security", action: "create", parameters: {} },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
  const stacks = await page.request.get("/api/v1/stacks?environment=staging");
  expect(stacks.status()).toBe(200);
});
