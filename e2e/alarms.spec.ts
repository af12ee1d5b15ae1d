import { CloudWatchClient, SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import type { Page } from "@playwright/test";
import { DEMO, expect, test } from "./fixtures";
import { OverviewPage } from "./pages/overview-page";
import { AlarmsPage } from "./pages/alarms-page";
import { e2eSandboxUrl } from "./support/runtime";
import { watchCsp } from "./support/csp";

// An alarm of a deployed stack goes off (forced in the sandbox, as CloudWatch would set it): the Alarms page shows
// it in ALARM without a reload (the refresh job's NOTIFY reaches the page over SSE), and its page draws the metric
// and lists the state change. The stacks are deleted again so later specs start from an empty staging.
const TEMPLATES = ["network", "security", "load-balancer"] as const;

async function apply(page: Page, template: string, action: "create" | "delete") {
  const stack = `staging-${template}`;
  const started = await page.request.post("/api/v1/deployments", {
    data: { environment: "staging", template, action, parameters: {}, execute: true, ...(action === "delete" ? { confirmName: stack } : {}) },
  });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = await started.json();
  await expect.poll(async () => (await (await page.request.get(`/api/v1/deployments/${id}`)).json()).status, { timeout: 150_000, intervals: [1000] }).toBe("succeeded");
}

async function exists(page: Page, stack: string): Promise<boolean> {
  const response = await page.request.get(`/api/v1/stacks/${stack}`);
  const body = response.ok() ? await response.json() : null;
  return !!body && !body.deleted && !!body.status;
}

test("an alarm forced into ALARM shows on the Alarms page, and its page draws the graph and the state change", async ({ page, signInPage }) => {
  test.setTimeout(600_000);
  const csp = await watchCsp(page); // the charts and sparklines draw under the nonce CSP
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  const created: string[] = [];
  for (const template of TEMPLATES) {
    if (await exists(page, `staging-${template}`)) continue;
    await apply(page, template, "create");
    created.push(template);
  }
  const cloudwatch = new CloudWatchClient({ endpoint: e2eSandboxUrl(), region: "us-east-1", credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" } });
  let forcing = true;
  let forcer: Promise<void> = Promise.resolve();
  try {
    await expect.poll(async () => (await (await page.request.get("/api/v1/stacks/staging-load-balancer/alarms")).json()).items?.length ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    const { items: alarms } = await (await page.request.get("/api/v1/stacks/staging-load-balancer/alarms")).json();
    // The load balancer's response-time alarm: its metric is published from the moment the ALB exists (a target
    // group's alarm has no data until a listener forwards to it, as on AWS), so the graph has points to draw.
    const alarm = (alarms as { name: string; resource: string }[]).find((a) => a.resource === "ResponseTimeAlarm")!;

    const alarmsPage = new AlarmsPage(page);
    await alarmsPage.goto("staging");
    await expect(alarmsPage.row(alarm.name)).toContainText(alarm.resource);
    // The sandbox lets a forced state hold for one alarm period only: keep forcing while the test looks.
    forcer = (async () => {
      while (forcing) {
        await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarm.name, StateValue: "ALARM", StateReason: "e2e: forced into ALARM" }));
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    await expect(alarmsPage.row(alarm.name)).toContainText("ALARM", { timeout: 30_000 });
    await expect(alarmsPage.table().getByTestId("alarm-row").first()).toContainText(alarm.name); // ALARM first
    const api = await (await page.request.get("/api/v1/alarms?environment=staging&state=ALARM")).json();
    expect(api.items.map((a: { name: string }) => a.name)).toContain(alarm.name);

    // The overview says at a glance that something is wrong, and names the alarm.
    const overview = new OverviewPage(page);
    await overview.goto("staging");
    await expect(overview.verdict()).toContainText("in ALARM");
    await expect(page.getByRole("region", { name: "Alarms in ALARM" })).toContainText(alarm.name);
    await alarmsPage.goto("staging");

    await alarmsPage.row(alarm.name).getByRole("link", { name: alarm.name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: alarm.name })).toBeVisible();
    await expect(alarmsPage.chart()).toBeVisible();
    // The graph draws the points the background metric refresh stored; on a busy machine the first refresh after
    // the ALB started publishing may not have run yet, so reload until it has (as a user would).
    await expect
      .poll(async () => {
        const points = Number(await alarmsPage.chart().getAttribute("data-points"));
        if (points === 0) await page.reload();
        return points;
      }, { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect(alarmsPage.chart().getByTestId("threshold")).toHaveCount(1);
    await expect(alarmsPage.history().getByTestId("history-row").first()).toContainText("ALARM");
    await page.getByRole("link", { name: "3h" }).click();
    await expect(alarmsPage.chart()).toBeVisible();

    // The stack page lists its alarms with sparklines, and the change on its alarm timeline.
    await page.goto("/stacks/staging-load-balancer");
    const section = page.getByRole("table", { name: "Alarms of this stack" });
    await expect(section.getByRole("row").filter({ hasText: alarm.name })).toContainText("ALARM");
    await expect(section.getByTestId("sparkline").first()).toBeVisible();
    await expect(page.getByRole("list", { name: "Alarm state changes" })).toContainText(alarm.name);
    expect(csp.violations()).toEqual([]);
  } finally {
    forcing = false;
    await forcer;
    cloudwatch.destroy();
    for (const template of [...created].reverse()) await apply(page, template, "delete");
  }
});
