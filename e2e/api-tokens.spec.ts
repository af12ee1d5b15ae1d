import { DEMO, expect, signedInContext, test } from "./fixtures";

test("a personal API token authenticates /api/v1/me until it is revoked", async ({ browser, playwright, baseURL }) => {
  const context = await signedInContext(browser, DEMO.deployer);
  const page = await context.newPage();
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("e2e token");
  await page.getByLabel("Expires in (days)").fill("7");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^sdk_/);

  const api = await playwright.request.newContext({ baseURL }); // no cookies: the token alone
  const me = await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toEqual({ email: DEMO.deployer, name: "Dana Deployer", grants: [{ environment: "*", role: "deployer" }] });

  const noToken = await api.get("/api/v1/me");
  expect(noToken.status()).toBe(401);
  expect((await noToken.json()).error.code).toBe("unauthorized");

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Revoke token e2e token" }).click();
  await expect(page.getByRole("row").filter({ hasText: "e2e token" }).getByText("revoked")).toBeVisible();
  const revoked = await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
  await api.dispose();
  await context.close();
});
