import { expect, type Page } from "@playwright/test";

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

  async waitForSuccess() {
    await expect(this.progress()).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
    await expect(this.page.getByRole("status").filter({ hasText: "The change was applied." })).toBeVisible({ timeout: 30_000 });
  }
}
