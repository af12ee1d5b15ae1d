import { expect, type Page } from "@playwright/test";

export class OverviewPage {
  constructor(private readonly page: Page) {}

  async goto(environment: string) {
    await this.page.goto(`/?env=${environment}`);
    await expect(this.verdict()).toBeVisible();
  }

  verdict() {
    return this.page.getByTestId("overview-verdict");
  }

  /** The stacks-by-status link of one group, e.g. "3 healthy". */
  statusCount(label: string) {
    return this.page.getByRole("region", { name: /Stacks by status/ }).getByRole("link", { name: new RegExp(`^\\d+ ${label}$`) });
  }

  progressOf(stackName: string) {
    return this.page.getByRole("progressbar", { name: `Progress of ${stackName}` });
  }

  lastDeployments() {
    return this.page.getByRole("table", { name: "Last deployments" });
  }
}
