import type { Locator, Page } from "@playwright/test";

export class AlarmsPage {
  constructor(private readonly page: Page) {}

  goto(environment: string) {
    return this.page.goto(`/alarms?env=${environment}`);
  }

  table(): Locator {
    return this.page.getByRole("table", { name: "Alarms" });
  }

  row(alarmName: string): Locator {
    return this.table().getByTestId("alarm-row").filter({ has: this.page.getByRole("link", { name: alarmName, exact: true }) });
  }

  /** On an alarm's page: the metric graph (an SVG with role img). */
  chart(): Locator {
    return this.page.getByTestId("metric-chart");
  }

  history(): Locator {
    return this.page.getByRole("table", { name: "State history" });
  }
}
