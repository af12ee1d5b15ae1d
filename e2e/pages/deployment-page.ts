import { expect, type Page } from "@playwright/test";

/**
 * Deletes a stack through the API (as CI would) and waits until it is gone; nothing to do when it is not there.
 * Stacks that import its exports (left by another spec, or by a failed attempt of this one) go first, as a user
 * told "imported by X" would do.
 */
export async function deleteIfDeployed(page: Page, stackName: string, depth = 0): Promise<void> {
  const existing = await page.request.get(`/api/v1/stacks/${stackName}`);
  if (!existing.ok()) return;
  const stack = await existing.json();
  if (stack.deleted || !stack.status) return;
  const started = await page.request.post("/api/v1/deployments", {
    data: { environment: stack.environment, template: stack.templateName, stack: stackName, action: "delete", confirmName: stackName, execute: true, parameters: {} },
  });
  const answer = await started.text();
  const importers = started.status() === 409 ? /is imported by ([^.]+)\./.exec(answer)?.[1] : undefined;
  if (importers && depth < 7) {
    for (const importer of importers.split(", ")) await deleteIfDeployed(page, importer, depth + 1);
    return deleteIfDeployed(page, stackName, depth + 1);
  }
  expect(started.status(), answer).toBe(202);
  const { id } = JSON.parse(answer);
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
