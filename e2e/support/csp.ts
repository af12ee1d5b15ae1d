import type { Page } from "@playwright/test";

/**
 * Collects Content-Security-Policy violations of a page: Chromium reports each blocked script, style or
 * connection on the console, and the init script repeats every `securitypolicyviolation` event there too.
 */
export async function watchCsp(page: Page): Promise<{ violations: () => string[] }> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
  });
  return { violations: () => [...violations] };
}
