import { expect, type Page } from "@playwright/test";

/** The Environment page's graph and "Plan the platform", and a plan's own page. */
export class PlanPage {
  constructor(private readonly page: Page) {}

  async gotoEnvironment(environment: string) {
    await this.page.goto(`/environment?env=${environment}`);
    await expect(this.page.getByRole("figure", { name: new RegExp(`The ${environment} platform`) })).toBeVisible();
  }

  graphNode(template: string) {
    return this.page.getByTestId(`graph-node-${template}`);
  }

  async planPlatform({ values = {}, execute = false, note }: { values?: Record<string, string>; execute?: boolean; note?: string }) {
    const form = this.page.getByRole("form", { name: "Plan the platform" });
    for (const [label, value] of Object.entries(values)) await form.getByLabel(label).fill(value);
    if (note) await form.getByLabel(/^Note/).fill(note);
    if (execute) await form.getByLabel("Apply as soon as it may (after approval where required)").check();
    await form.getByRole("button", { name: "Plan the platform" }).click();
    await this.page.waitForURL(/\/plans\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    return this.page.url().split("/plans/")[1]!;
  }

  status() {
    return this.page.getByRole("region", { name: "Progress" });
  }

  timelineRow(template: string) {
    return this.page.getByTestId(`timeline-${template}`);
  }

  result() {
    return this.page.getByTestId("plan-result");
  }

  async approve(comment: string) {
    const form = this.page.getByRole("form", { name: "Approve or reject the plan" });
    await form.getByLabel("Comment").fill(comment);
    await form.getByRole("button", { name: "Approve plan" }).click();
  }
}
