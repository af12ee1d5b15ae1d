import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || "stackdeck-demo";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/signin");
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
  }

  async signInAndWaitForShell(email: string, password = DEMO_PASSWORD) {
    await this.goto();
    await this.signIn(email, password);
    await expect(this.page.getByRole("navigation", { name: "Main" })).toBeVisible();
  }

  error() {
    return this.page.getByRole("alert").filter({ hasText: /./ }).filter({ hasNotText: /^$/ }).first();
  }
}
