import { expect, type Page } from "@playwright/test";

/** Deletes a stack through the API (as CI would) and waits until it is gone; nothing to do when it is not there. */
export async function deleteIfDeployed(page: Page, stackName: string): Promise<void> {
  const existing = await page.request.get(`/api/v1/stacks/${stackName}`);
  if (!existing.ok()) return;
  const stack = await existing.json();
  if (stack.deleted || !stack.status) return;
  const started = await page.request.post("/api/v1/deployments", {
    data: { environment: stack.environment, template: stack.templateName, stack: stackName, action: "delete", confirmName: stackName, execute: true, parameters: {} },
  });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = await started.json();
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/deployments/${id}`)).json()).status, { timeout: 60_000, intervals: [500] })
    .toBe("succeeded");
}

export class DeploymentPage {
  constructor(private readonly page: Page) {}

  progress() {
    return this.page.getByRole("progressbar", { name: "Deployment progress" });
  }

  async waitForPreview() {
    await expect(this.page.getByRole("heading", { name: "What will change" })).toBeVisible({ timeout: 30_000 });
  }

  async deploy() {
    await this.page.getByRole("button", { name: "Deploy", exact: true }).click();
  }

  /** Success as the page says it; the progress bar shows what the events showed, which may stop short of 100 %. */
  async waitForSuccess() {
    await expect(this.page.getByRole("status").filter({ hasText: "The change was applied." })).toBeVisible({ timeout: 60_000 });
  }
}
