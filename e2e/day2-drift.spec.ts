import type { Page } from "@playwright/test";
import { DEMO, expect, test } from "./fixtures";
import { StackPage } from "./pages/stack-page";
import { deleteIfDeployed } from "./pages/deployment-page";
import { e2eSandboxUrl } from "./support/runtime";

// Day-2 operations on a stack of its own (staging-iam-day2): a role changed outside CloudFormation (through the
// sandbox's control, as someone in the AWS console would) shows as drift with expected vs actual; a teardown
// scheduled through the form is listed; a window open now tears the stack down and the Costs page counts it.
const STACK = "staging-iam-day2";

async function create(page: Page) {
  await deleteIfDeployed(page, STACK);
  const started = await page.request.post("/api/v1/deployments", { data: { environment: "staging", template: "iam", stack: STACK, action: "create", parameters: { GitHubRepository: "acme/day2" }, execute: true } });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = await started.json();
  await expect.poll(async () => (await (await page.request.get(`/api/v1/deployments/${id}`)).json()).status, { timeout: 120_000, intervals: [500] }).toBe("succeeded");
}

test("a role changed outside CloudFormation shows as drift, with the template's and the actual value", async ({ page, signInPage }) => {
  test.setTimeout(240_000);
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  await create(page);
  try {
    const stackPage = new StackPage(page);
    await stackPage.goto(STACK);
    await expect(stackPage.driftPanel()).toContainText("Not checked");
    await stackPage.detectDrift();
    await stackPage.waitForDriftStatus("In sync");

    const changed = await fetch(`${e2eSandboxUrl()}/_sandbox/drift`, {
      method: "POST",
      body: JSON.stringify({ stackName: STACK, logicalResourceId: "TaskExecutionRole", actualProperties: { Description: "edited by hand in the IAM console" } }),
    });
    expect(changed.status).toBe(200);
    await stackPage.detectDrift();
    await stackPage.waitForDriftStatus("Drifted");
    const diff = stackPage.differences("TaskExecutionRole");
    await expect(diff).toContainText("/Description");
    await expect(diff).toContainText("Starts staging ECS tasks (image pull, logs, secrets)");
    await expect(diff).toContainText("edited by hand in the IAM console");
    await stackPage.driftPanel().scrollIntoViewIfNeeded();
    await stackPage.driftPanel().screenshot({ path: "/work/notes/shots/i16a/drift-diff.png" });

    const api = await (await page.request.get(`/api/v1/stacks/${STACK}`)).json();
    expect(api.drift).toMatchObject({ status: "DRIFTED", checkedAt: expect.any(String) });
    expect(api.drift.resources).toContainEqual({
      logicalId: "TaskExecutionRole", status: "MODIFIED",
      differences: [{ path: "/Description", expected: "Starts staging ECS tasks (image pull, logs, secrets)", actual: "edited by hand in the IAM console" }],
    });
    await page.goto("/?env=staging");
    await expect(page.getByTestId("drifted-stacks")).toContainText(STACK);
  } finally {
    await deleteIfDeployed(page, STACK);
  }
});

test("a teardown scheduled through the form is listed; a window open now tears the stack down and the Costs page counts it", async ({ page, signInPage }) => {
  test.setTimeout(240_000);
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  await create(page);
  const created: string[] = [];
  try {
    const stackPage = new StackPage(page);
    await stackPage.goto(STACK);
    const form = stackPage.teardownForm();
    await form.getByLabel("From", { exact: true }).fill("21:30");
    await form.getByLabel("Until", { exact: true }).fill("06:00");
    await form.getByLabel("Time zone", { exact: true }).fill("Europe/Berlin");
    await form.getByRole("button", { name: "Schedule teardown" }).click();
    await expect(form.getByRole("status")).toContainText("Scheduled: torn down");
    await expect(stackPage.teardownSchedules()).toContainText("Mon, Tue, Wed, Thu, Fri 21:30–06:00 (Europe/Berlin), recreated after");
    const listed = await (await page.request.get("/api/v1/teardown-schedules?environment=staging")).json();
    const fromForm = listed.items.find((s: { stackName: string; start: string }) => s.stackName === STACK && s.start === "21:30");
    expect(fromForm).toMatchObject({ kind: "window", days: [1, 2, 3, 4, 5], end: "06:00", timeZone: "Europe/Berlin", recreate: true, createdBy: DEMO.deployer });
    created.push(fromForm.id);
    await page.locator('section[aria-labelledby="teardown"]').screenshot({ path: "/work/notes/shots/i16a/teardown-form.png" });
    await stackPage.teardownSchedules().getByRole("button", { name: "Cancel schedule" }).click();
    await expect(stackPage.teardownSchedules()).toHaveCount(0);
    created.pop();

    // Production refuses schedules.
    const refused = await page.request.post("/api/v1/teardown-schedules", { data: { environment: "production", kind: "ttl", ttlHours: 1 } });
    expect(refused.status()).toBe(403); // a deployer may not delete production stacks at all

    // A window that is open now (UTC, every day, ending in two hours, no recreation): the job tears the stack down.
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const open = await page.request.post("/api/v1/teardown-schedules", {
      data: { environment: "staging", stackName: STACK, kind: "window", days: [1, 2, 3, 4, 5, 6, 7], start: hhmm(new Date(now.getTime() - 60_000)), end: hhmm(new Date(now.getTime() + 2 * 3_600_000)), timeZone: "UTC", recreate: false, warnMinutes: 0 },
    });
    expect(open.status(), await open.text()).toBe(201);
    created.push((await open.json()).id);
    await expect.poll(async () => (await (await page.request.get(`/api/v1/stacks/${STACK}`)).json()).deleted, { timeout: 120_000, intervals: [1000] }).toBe(true);
    // The next tick after the delete finished records it (deletedAt), from then on the hours count.
    await expect(async () => {
      await page.goto("/costs?env=staging");
      await expect(page.getByTestId("teardown-savings")).toContainText(/stack-hours torn down \(\d+ stacks?\)/, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await page.getByTestId("teardown-savings").screenshot({ path: "/work/notes/shots/i16a/teardown-savings.png" });
  } finally {
    for (const id of created) await page.request.delete(`/api/v1/teardown-schedules/${id}`);
    await deleteIfDeployed(page, STACK);
  }
});
