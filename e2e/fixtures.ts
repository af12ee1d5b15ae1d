import { test as base, type Browser, type BrowserContext } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

export const DEMO = {
  admin: "admin@example.com",
  approver: "approver@example.com",
  deployer: "deployer@example.com",
  viewer: "viewer@example.com",
} as const;

/** A browser context already signed in as `email` (through the real sign-in form). */
export async function signedInContext(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signInAndWaitForShell(email);
  await page.close();
  return context;
}

export const test = base.extend<{ signInPage: SignInPage }>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
});

export { expect } from "@playwright/test";
