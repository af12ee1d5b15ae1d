import { test as base, expect, type Browser, type BrowserContext, type ConsoleMessage } from "@playwright/test";
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

export interface ConsoleGuard {
  /** A console error this test provokes on purpose (e.g. the 403 of a page it must not see). */
  allow(pattern: RegExp): void;
}

const HYDRATION = /hydrat|did not match|server rendered (HTML|text)|Minified React error #(418|423|425)/i;

/**
 * Fails any spec whose pages log a console error, a hydration warning or an uncaught exception: a user would see
 * a broken page or a red console. Every browser context of the test is watched, the default one and those made
 * with signedInContext (browser.newContext is wrapped for the test's duration).
 */
export const test = base.extend<{ signInPage: SignInPage; consoleGuard: ConsoleGuard }>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  consoleGuard: [
    async ({ browser, context }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      const watch = (watched: BrowserContext) => {
        watched.on("console", (message: ConsoleMessage) => {
          if (message.type() === "error" || HYDRATION.test(message.text())) {
            problems.push(`console ${message.type()} on ${message.page()?.url() ?? "?"}: ${message.text()}`);
          }
        });
        watched.on("weberror", (error) => problems.push(`uncaught on ${error.page()?.url() ?? "?"}: ${error.error().message}`));
      };
      watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const created = await newContext(...args);
        watch(created);
        return created;
      };
      await use({ allow: (pattern) => void allowed.push(pattern) });
      browser.newContext = newContext;
      expect(problems.filter((p) => !allowed.some((a) => a.test(p))), "browser console errors, hydration warnings or uncaught errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
