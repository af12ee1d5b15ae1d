import { DEMO, expect, test } from "./fixtures";

// A new user is guided instead of failing late: what a template needs comes before any preview (and the API
// refuses it the same way), the change holding a stack is a link with Discard, required values show an example.

test("a template whose upstream stacks are missing says which, in order, and the API refuses it the same way", async ({ page, signInPage }) => {
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  await page.goto("/stacks/new?env=production&template=service");
  const notice = page.getByTestId("upstream-notice");
  for (const stack of ["production-security", "production-database", "production-cache", "production-load-balancer"]) await expect(notice).toContainText(stack);
  await expect(page.getByRole("button", { name: "Preview change" })).toBeDisabled();
  await notice.getByRole("link", { name: /^Create .+ first$/ }).click();
  await expect(page).toHaveURL(/\/stacks\/new\?env=production&template=(network|security|iam)$/);

  const refused = await page.request.post("/api/v1/deployments", { data: { environment: "production", template: "service", action: "create", parameters: {} } });
  expect(refused.status()).toBe(400);
  const { error } = await refused.json();
  expect(error.code).toBe("validation_failed");
  expect(error.message).toMatch(/^Create .*production-database.* first: service needs them in this environment\.$/);
  expect(error.fields.upstream.join(" ")).toContain("production-load-balancer does not exist yet");
});

test("the change holding a stack is named as a link with Discard, and a required parameter shows an example", async ({ page, signInPage }) => {
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  const held = await page.request.post("/api/v1/deployments", { data: { environment: "staging", template: "iam", stack: "staging-iam-guided", action: "create", parameters: { GitHubRepository: "acme/guided" } } });
  expect(held.status(), await held.text()).toBe(202);
  const { id } = await held.json();

  // The same stack again: the conflict names the preview, which can be discarded right there.
  await page.goto("/stacks/new?env=staging&template=iam");
  const repository = page.getByLabel("GitHubRepository");
  await expect(repository).toHaveAttribute("placeholder", "e.g. acme/stackdeck-app");
  await page.getByLabel("Stack name").fill("staging-iam-guided");
  await repository.fill("acme/guided");
  await page.getByRole("button", { name: "Preview change" }).click();
  const conflict = page.getByRole("status").filter({ hasText: "staging-iam-guided already has an active change" });
  await expect(conflict.getByRole("link", { name: new RegExp(id.slice(0, 8)) })).toHaveAttribute("href", `/deployments/${id}`);
  await conflict.getByRole("button", { name: "Discard it" }).click();
  await expect(page.getByText("Discarded. Preview your change again.")).toBeVisible();
  await page.getByRole("button", { name: "Preview change" }).click();
  await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toContain(id);
  expect((await (await page.request.get(`/api/v1/deployments/${id}`)).json()).status).toBe("cancelled");
  const next = page.url().split("/").pop()!;
  await page.getByRole("button", { name: "Discard preview" }).click({ timeout: 30_000 }); // leave staging as it was
  await expect.poll(async () => (await (await page.request.get(`/api/v1/deployments/${next}`)).json()).status).toBe("cancelled");
});
