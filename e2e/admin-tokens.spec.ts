import { DEMO, expect, signedInContext, test } from "./fixtures";

test("an admin sees every user's API tokens and revokes another user's token", async ({ browser, playwright, baseURL }) => {
  const owner = await signedInContext(browser, DEMO.viewer);
  const ownerPage = await owner.newPage();
  await ownerPage.goto("/settings/tokens");
  const name = `laptop ${Date.now()}`;
  await ownerPage.getByLabel("Name").fill(name);
  await ownerPage.getByRole("button", { name: "Create token" }).click();
  const token = (await ownerPage.getByTestId("new-token").textContent())!.trim();
  await owner.close();

  const api = await playwright.request.newContext({ baseURL });
  expect((await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);

  const admin = await signedInContext(browser, DEMO.admin);
  const page = await admin.newPage();
  await page.goto("/admin");
  const tokens = page.getByRole("table", { name: "API tokens of every user" });
  const row = tokens.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(DEMO.viewer);
  await expect(row).toContainText("active");
  await expect(row).toContainText(token.slice(0, 8)); // the prefix, never the secret
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `Revoke token ${name} of ${DEMO.viewer}` }).click();
  await expect(row).toContainText("revoked");

  expect((await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  await page.goto(`/audit?action=token.revoked&actor=${encodeURIComponent(DEMO.admin)}`);
  await expect(page.getByRole("table", { name: "Audit entries" }).getByRole("row").nth(1)).toContainText(name);
  await api.dispose();
  await admin.close();
});
