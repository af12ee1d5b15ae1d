import type { Request } from "@playwright/test";
import { DEMO, expect, signedInContext, test } from "./fixtures";

// Hiding a button is not enforcement: capture the exact server-action request an admin's browser sends, then
// replay it with a viewer's session. The server must refuse it and change nothing.
test("a viewer's replay of an admin-only server action is refused by the server", async ({ browser, consoleGuard }) => {
  // The admin's own request is aborted on purpose (below): its page reports the failed fetch.
  consoleGuard.allow(/\/admin: (Failed to load resource: net::ERR_FAILED|(TypeError: )?Failed to fetch)/); // the error boundary logs it with its stack
  const admin = await signedInContext(browser, DEMO.admin);
  const viewer = await signedInContext(browser, DEMO.viewer);
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin");

  let captured: Request | undefined;
  await adminPage.route("**/admin", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      captured = route.request();
      await route.abort(); // the admin's own request never reaches the server
    } else {
      await route.continue();
    }
  });
  const grantForm = adminPage.getByRole("form", { name: "Grant a role" });
  await grantForm.getByLabel("User").selectOption(DEMO.viewer);
  await grantForm.getByLabel("Role").selectOption("admin");
  await grantForm.getByRole("button", { name: "Grant" }).click();
  await expect.poll(() => captured).toBeTruthy();

  const headers = captured!.headers();
  const replay = await viewer.request.post(captured!.url(), {
    headers: {
      "next-action": headers["next-action"]!,
      "content-type": headers["content-type"]!,
      accept: "text/x-component",
      ...(headers["next-router-state-tree"] ? { "next-router-state-tree": headers["next-router-state-tree"] } : {}),
    },
    data: captured!.postDataBuffer()!,
  });
  const body = await replay.text();
  expect(body).toContain("You do not have permission to manage users and access.");

  await adminPage.unroute("**/admin");
  await adminPage.reload();
  const viewerRow = adminPage.getByRole("row").filter({ hasText: DEMO.viewer });
  await expect(viewerRow.getByRole("button", { name: /Revoke viewer \(all\)/ })).toBeVisible();
  await expect(viewerRow.getByRole("button", { name: /Revoke admin/ })).toHaveCount(0);

  const viewerPage = await viewer.newPage();
  await viewerPage.goto("/admin");
  await expect(viewerPage.getByRole("heading", { name: "Administrators only" })).toBeVisible();
  await admin.close();
  await viewer.close();
});

test("API: a viewer's session cannot read the audit log; an admin's can", async ({ browser }) => {
  const viewer = await signedInContext(browser, DEMO.viewer);
  const refused = await viewer.request.get("/api/v1/audit");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
  const admin = await signedInContext(browser, DEMO.admin);
  const allowed = await admin.request.get("/api/v1/audit?limit=5&action=auth.sign_in");
  expect(allowed.status()).toBe(200);
  const page = await allowed.json();
  expect(page.items.length).toBeGreaterThan(0);
  expect(page.items.every((e: { action: string }) => e.action === "auth.sign_in")).toBe(true);
  await viewer.close();
  await admin.close();
});
