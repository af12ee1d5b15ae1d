import { expect, type Page } from "@playwright/test";

export class NotificationsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/notifications");
    await expect(this.page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  }

  form() {
    return this.page.getByRole("form", { name: "Add a destination" });
  }

  async addDestination(values: { environment: string; kind: "Webhook (signed JSON)" | "Slack incoming webhook"; url: string; secret?: string; events: string[] }) {
    const form = this.form();
    await form.getByLabel("Environment").selectOption(values.environment);
    await form.getByLabel("Kind").selectOption({ label: values.kind });
    await form.getByLabel("URL").fill(values.url);
    if (values.secret) await form.getByLabel("Signing secret").fill(values.secret);
    for (const event of values.events) await form.getByRole("checkbox", { name: new RegExp(event) }).check();
    await form.getByRole("button", { name: "Add destination" }).click();
    await expect(this.destination(values.url)).toBeVisible();
  }

  destination(url: string) {
    return this.page.getByRole("table", { name: "Notification destinations" }).getByRole("row").filter({ hasText: url });
  }

  async sendTest(url: string) {
    const row = this.destination(url);
    await row.getByRole("button", { name: /^Send a test to/ }).click();
    await expect(row.getByRole("status")).toContainText("Test queued");
  }

  deliveries() {
    return this.page.getByRole("table", { name: "Delivery attempts, newest first" }).getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  /** The delivery job runs every couple of seconds: reload until an attempt with this status code is listed. */
  async waitForDelivery(url: string, statusCode: number) {
    await expect(async () => {
      await this.page.reload();
      await expect(this.deliveries().filter({ hasText: url }).filter({ hasText: String(statusCode) }).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
  }
}
