import type { Page } from "@playwright/test";
import { DEMO, expect, signedInContext, test } from "./fixtures";
import { deleteIfDeployed } from "./pages/deployment-page";
import { runStackdeck } from "./support/cli";

// The pipeline CLI against the real console: a token from the API, `stackdeck deploy --wait` to staging exits 0
// after streaming the events; a production change waits for approval and exits 1 with the approver's comment.

async function tokenOf(page: Page): Promise<string> {
  const created = await page.request.post("/api/v1/tokens", { data: { name: "cli e2e", expiresInDays: 1 } });
  expect(created.status()).toBe(201);
  return (await created.json()).token;
}

test("stackdeck deploy --wait applies a staging change and exits 0", async ({ page, signInPage, baseURL }) => {
  test.setTimeout(180_000);
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  await deleteIfDeployed(page, "staging-iam");
  const env = { STACKDECK_URL: baseURL!, STACKDECK_TOKEN: await tokenOf(page) };
  const run = await runStackdeck(["deploy", "--env", "staging", "--template", "iam", "-p", "GitHubRepository=acme/web-app", "--wait", "--timeout", "150s"], env);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const lines = run.stdout.trim().split("\n");
  expect(lines[0]).toMatch(new RegExp(`^deployment [0-9a-f-]{36} ${baseURL}/deployments/[0-9a-f-]{36}$`));
  expect(run.stdout).toMatch(/CREATE_COMPLETE\s+DeployRole \(AWS::IAM::Role\)/);
  expect(lines.at(-1)).toMatch(/^succeeded: create of staging-iam in \d+/);
  const id = lines[0]!.split(" ")[1]!;
  expect((await (await page.request.get(`/api/v1/deployments/${id}`)).json()).parameters.GitHubRepository).toBe("acme/web-app");

  const status = await runStackdeck(["status", id], env);
  expect(status.stdout).toContain(`create staging-iam in staging (template iam), requested by ${DEMO.deployer}`);
  await deleteIfDeployed(page, "staging-iam");
});

test("a production change waits for approval and a rejection makes the waiting CLI exit 1 with the comment", async ({ page, signInPage, browser, baseURL }) => {
  test.setTimeout(180_000);
  await signInPage.signInAndWaitForShell(DEMO.deployer);
  const deployer = { STACKDECK_URL: baseURL!, STACKDECK_TOKEN: await tokenOf(page) };
  const started = await runStackdeck(["deploy", "--env", "production", "--template", "iam", "-p", "GitHubRepository=acme/web-app"], deployer);
  expect(started.code, started.stdout + started.stderr).toBe(0);
  const id = started.stdout.split("\n")[0]!.split(" ")[1]!;

  // The preview ends ready, or (where execute: true sends it on by itself) already awaiting approval.
  await expect.poll(async () => (await (await page.request.get(`/api/v1/deployments/${id}`)).json()).status, { timeout: 60_000 }).toMatch(/^(ready|awaiting_approval)$/);
  if ((await (await page.request.get(`/api/v1/deployments/${id}`)).json()).status === "ready") {
    expect((await page.request.post(`/api/v1/deployments/${id}/request-approval`, { data: { reason: "CLI e2e" } })).status()).toBe(200);
  }
  const waiting = runStackdeck(["status", id, "--wait", "--timeout", "120s"], deployer);

  const approverContext = await signedInContext(browser, DEMO.approver);
  const approver = { STACKDECK_URL: baseURL!, STACKDECK_TOKEN: await tokenOf(await approverContext.newPage()) };
  await new Promise((r) => setTimeout(r, 1500)); // the waiting CLI is following the stream by now
  const rejected = await runStackdeck(["reject", id, "--comment", "Not during the launch freeze"], approver);
  expect(rejected.code, rejected.stderr).toBe(0);

  const run = await waiting;
  expect(run.code).toBe(1);
  expect(run.stdout).toContain("approval: pending, 0 of 1");
  expect(run.stdout.trim().split("\n").at(-1)).toBe(`rejected by ${DEMO.approver}: “Not during the launch freeze”`);
  await approverContext.close();
});
