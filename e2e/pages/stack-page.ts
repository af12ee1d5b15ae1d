import { expect, type Page } from "@playwright/test";

/** A stack's page: its drift panel and its scheduled teardown section. */
export class StackPage {
  constructor(private readonly page: Page) {}

  async goto(stackName: string) {
    await this.page.goto(`/stacks/${stackName}`);
  }

  driftPanel() {
    return this.page.getByTestId("drift-panel");
  }

  async detectDrift() {
    await this.driftPanel().getByRole("button", { name: "Detect drift" }).click();
  }

  /** The expected (template) and actual (AWS) values shown for one property of one resource. */
  differences(logicalId: string) {
    return this.driftPanel().getByLabel(`Differences of ${logicalId}`);
  }

  teardownForm() {
    return this.page.getByRole("form", { name: "Schedule a teardown" });
  }

  teardownSchedules() {
    return this.page.getByRole("list", { name: "Teardown schedules" });
  }

  async waitForDriftStatus(label: "In sync" | "Drifted", timeout = 30_000) {
    await expect(this.driftPanel().getByText(label, { exact: true })).toBeVisible({ timeout });
  }
}
