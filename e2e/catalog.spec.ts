import { DEMO, expect, test } from "./fixtures";

test.describe("template catalog", () => {
  test.beforeEach(async ({ signInPage }) => {
    await signInPage.signInAndWaitForShell(DEMO.viewer);
  });

  test("lists every template with its monthly cost for the chosen environment", async ({ page }) => {
    await page.goto("/templates?env=production");
    const cards = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) });
    await expect(cards).toHaveCount(7);
    const database = cards.filter({ hasText: "PostgreSQL database" });
    await expect(database.getByText(/\$\d+\.\d\d\/mo/)).toBeVisible();
    await expect(page.getByText(/Whole platform if deployed: \$\d{3}\.\d\d/)).toBeVisible();
  });

  test("a template page shows parameters, graph, source and versions, and checks values like CloudFormation", async ({ page }) => {
    await page.goto("/templates/database?env=production");
    await expect(page.getByRole("heading", { name: "PostgreSQL database" })).toBeVisible();
    const multiAz = page.getByRole("table", { name: "Parameters" }).getByRole("row").filter({ hasText: "MultiAZ" });
    await expect(multiAz).toContainText("true");
    await expect(multiAz).toContainText("profile only");
    await expect(page.getByRole("img", { name: /Dependency graph of \d+ resources/ })).toBeVisible();
    await expect(page.getByRole("figure").filter({ hasText: "infra-templates/database" })).toContainText("AWS::RDS::DBInstance");
    await expect(page.getByRole("table", { name: "Version history" })).toContainText("current");

    const form = page.getByRole("form", { name: "Estimate with other values" });
    const retention = form.getByLabel("BackupRetentionPeriod", { exact: true });
    await retention.fill("3");
    await expect(form.getByText("Parameter 'BackupRetentionPeriod' must be at least 7 in this environment")).toBeVisible();
    await retention.fill("14");
    await form.getByLabel("AllocatedStorage", { exact: true }).fill("200");
    await form.getByRole("button", { name: "Estimate with these values" }).click();
    await expect(form.getByRole("status")).toContainText(/\$\d+\.\d\d\/month \(\+\$\d+\.\d\d against this environment's values\)/);
  });

  test("the API serves the same data to scripts", async ({ page }) => {
    const response = await page.request.get("/api/v1/templates/database?environment=production");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.parameters.find((p: { name: string }) => p.name === "BackupRetentionPeriod")).toMatchObject({ environmentValue: "7", userMayChange: true, bounds: { min: 7, max: 30 } });
    expect(body.estimate.monthlyTotal).toBeGreaterThan(0);
    const unknown = await page.request.get("/api/v1/templates/nope?environment=staging");
    expect(unknown.status()).toBe(404);
  });

  test("the costs page sums the platform per stack and per service, with the Templates page's total", async ({ page }) => {
    await page.goto("/templates?env=staging");
    const total = (await page.getByText(/Whole platform if deployed: \$/).textContent())!.match(/\$[\d,]+\.\d\d/)![0];
    await page.goto("/costs?env=staging");
    await expect(page.getByRole("definition").filter({ hasText: total })).toHaveCount(1); // one number per thing
    await expect(page.getByText("Whole platform if deployed", { exact: true })).toBeVisible();
    await expect(page.getByRole("figure").filter({ hasText: "Per stack" }).getByRole("link", { name: "staging-network" })).toBeVisible();
    await expect(page.getByRole("figure").filter({ hasText: "Per AWS service" })).toContainText("RDS (PostgreSQL)");
  });
});
