import { expect, type Page } from "@playwright/test";

/** The Environments page: each environment's AWS target, its settings form and Test connection (admins). */
export class EnvironmentsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/environments");
    await expect(this.page.getByRole("heading", { name: "Environments", level: 1 })).toBeVisible();
  }

  settings(name: string) {
    return this.page.getByRole("form", { name: `${name} AWS settings` });
  }

  async setRole(name: string, roleArn: string) {
    const form = this.settings(name);
    await form.getByLabel("Role to assume").fill(roleArn);
    await form.getByRole("button", { name: `Save ${name}` }).click();
    await expect(form.getByRole("status")).toContainText(`Saved`);
  }

  async testConnection(environmentKey: string) {
    const section = this.page.getByRole("region", { name: new RegExp(`^${environmentKey}$`, "i") });
    await section.getByRole("button", { name: "Test connection" }).click();
    const result = this.page.getByRole("status", { name: `${environmentKey} connection test` });
    await expect(result).toBeVisible({ timeout: 20_000 });
    return result;
  }
}
