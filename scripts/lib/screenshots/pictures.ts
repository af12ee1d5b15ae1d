import path from "node:path";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ROOT } from "../paths.ts";

// The README's pictures, taken of the running demo as its users see it. One of them needs something happening:
// the script makes a real change to the staging service (next image, other task count), photographs its preview,
// then deploys it with the sandbox slowed down so the live progress and the ECS rollout can be caught mid-way.

export const DOCS = path.join(ROOT, "docs");
const VIEWPORT = { width: 1440, height: 900 };
const PASSWORD = process.env.DEMO_PASSWORD || "stackdeck-demo";
const ALARM = "stackdeck-staging-alb-target-5xx";

export interface Shooter {
  browser: Browser;
  appUrl: string;
  sandboxUrl: string;
  log: (line: string) => void;
}

export async function signedIn(s: Shooter, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await s.browser.newContext({ viewport: VIEWPORT, baseURL: s.appUrl });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible({ timeout: 60_000 });
  return { context, page };
}

export async function shoot(page: Page, name: string, log: (line: string) => void): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(800); // CSS transitions (the progress bar's width) come to rest
  // Next's development indicator is not part of the product.
  await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
  await page.screenshot({ path: path.join(DOCS, `${name}.png`) });
  log(`docs/${name}.png`);
}

/** The demo is complete when the overview names the alarm (the worker refreshes alarms once a minute). */
export async function waitForDemo(page: Page, log: (line: string) => void): Promise<void> {
  log("waiting for the demo data (overview: an alarm in ALARM, production: a change awaiting approval)");
  await expect(async () => {
    await page.goto("/?env=staging");
    await expect(page.getByText(/alarm in ALARM/).first()).toBeVisible({ timeout: 1_000 });
    await page.goto("/?env=production");
    await expect(page.getByText(/awaiting approval/).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 300_000, intervals: [3_000] });
}

/** With a deployment under way, so the overview shows it live. */
export async function overview(s: Shooter, page: Page): Promise<void> {
  await page.goto("/?env=staging");
  await expect(page.getByRole("progressbar").first()).toBeVisible({ timeout: 10_000 });
  await shoot(page, "overview", s.log);
}

export async function readPages(s: Shooter, page: Page): Promise<void> {
  await page.goto(`/alarms/${ALARM}?env=staging&range=3h`);
  await shoot(page, "alarm", s.log);
  await page.goto("/costs?env=staging");
  await shoot(page, "costs", s.log);
  await page.goto("/audit?action=deployment."); // the story of the changes, without the script's own sign-ins
  await shoot(page, "audit", s.log);
}

/** The production change the demo left waiting, as the approver sees it. */
export async function approval(s: Shooter): Promise<void> {
  const { context, page } = await signedIn(s, "approver@example.com");
  await page.goto("/approvals?env=production");
  await page.getByRole("link", { name: /production-security/ }).first().click();
  await page.waitForURL(/\/deployments\//);
  // The deployment page does not pass its environment to the switcher: name it, so the picture says production.
  await page.goto(`${page.url()}?env=production`);
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();
  await shoot(page, "approval", s.log);
  await context.close();
}
