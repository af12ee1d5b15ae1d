import { DEMO, expect, test } from "./fixtures";

// Every page a user reaches from the navigation, and every template page in both environments, renders without a
// console error or a hydration warning (the guard in fixtures.ts fails the test on either).
const TEMPLATES = ["network", "security", "database", "cache", "iam", "load-balancer", "service"];
const PAGES = ["/", "/templates", "/stacks", "/deployments", "/approvals", "/alarms", "/costs", "/audit", "/admin", "/settings/tokens", "/api-reference"];

test("the console's pages and every template page load cleanly in both environments", async ({ page, signInPage }) => {
  test.setTimeout(120_000);
  await signInPage.signInAndWaitForShell(DEMO.admin);
  for (const env of ["staging", "production"]) {
    for (const path of [...PAGES, ...TEMPLATES.map((t) => `/templates/${t}`), ...TEMPLATES.map((t) => `/stacks/new?template=${t}`)]) {
      const url = `${path}${path.includes("?") ? "&" : "?"}env=${env}`;
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page.getByRole("main")).toBeVisible();
      await page.waitForLoadState("networkidle");
    }
  }
});
