import { DEMO, expect, test } from "./fixtures";

test.describe("sign-in", () => {
  for (const [role, email] of Object.entries(DEMO)) {
    test(`the demo ${role} signs in and sees the console shell`, async ({ page, signInPage }) => {
      await signInPage.signInAndWaitForShell(email);
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const item of ["Overview", "Templates", "Stacks", "Deployments", "Approvals", "Alarms", "Costs"]) {
        await expect(nav.getByRole("link", { name: item })).toBeVisible();
      }
      await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(role === "admin" ? 1 : 0);
      await expect(page.getByLabel("Environment")).toHaveValue("staging");
      await expect(page.getByTestId("current-user")).toContainText(email);
    });
  }

  test("a wrong password is refused with the same message as an unknown account", async ({ page, signInPage, consoleGuard }) => {
    consoleGuard.allow(/status of 401 \(Unauthorized\)/); // the refused sign-in itself
    await signInPage.goto();
    await signInPage.signIn(DEMO.viewer, "not-the-password");
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
    await signInPage.signIn("nobody@example.com", "not-the-password");
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("a signed-out visit to a console page redirects to sign-in and back after signing in", async ({ page, signInPage }) => {
    await page.goto("/stacks?env=production");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await signInPage.signIn(DEMO.viewer);
    await expect(page).toHaveURL(/\/stacks\?env=production$/);
    await expect(page.getByRole("heading", { name: "Stacks", exact: true })).toBeVisible();
  });

  test("the environment switcher moves between staging and production", async ({ page, signInPage }) => {
    await signInPage.signInAndWaitForShell(DEMO.deployer);
    await page.getByLabel("Environment").selectOption("production");
    await expect(page).toHaveURL(/env=production/);
    await expect(page.getByRole("heading", { name: "Production overview" })).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stacks" }).click();
    await expect(page).toHaveURL(/\/stacks\?env=production/);
  });

  test("signing out ends the session", async ({ page, signInPage }) => {
    await signInPage.signInAndWaitForShell(DEMO.viewer);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
});
