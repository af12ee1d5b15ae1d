import { expect, type Download, type Page } from "@playwright/test";

export class AuditPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/audit");
    await expect(this.page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  }

  async filter(values: Partial<Record<"Actor (email)" | "Action" | "Environment" | "Stack" | "From (UTC)" | "To (UTC)", string>>) {
    const form = this.page.getByRole("search", { name: "Search the audit log" });
    for (const [label, value] of Object.entries(values)) await form.getByLabel(label).fill(value);
    await form.getByRole("button", { name: "Filter" }).click();
    await this.page.waitForURL(/\/audit\?/);
  }

  entries() {
    return this.page.getByRole("table", { name: "Audit entries" }).getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  async openFirstEntry(): Promise<string> {
    const link = this.entries().first().getByRole("link", { name: /^Entry \d+$/ });
    const seq = (await link.textContent())!.trim();
    await link.click();
    await expect(this.page.getByRole("heading", { name: `Audit entry ${seq}` })).toBeVisible();
    return seq;
  }

  async download(format: "CSV" | "JSON lines"): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("link", { name: `Export ${format}` }).click(),
    ]);
    return download;
  }

  async verifyIntegrity() {
    await this.page.getByRole("button", { name: "Verify integrity" }).click();
    return this.page.getByTestId("verify-result");
  }
}
