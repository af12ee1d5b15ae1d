// `npm run screenshots`: the README's pictures (docs/*.png) of the real product, taken with Playwright in
// Chromium of the running demo (or of an `npm run dev` started for it). Re-running refreshes them; each run makes
// one real change to the staging service, as a user would. Not part of `npm test`.
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "../e2e/support/browser.ts";
import { runningOrNewDemo } from "./lib/screenshots/demo-server.ts";
import { approval, DOCS, overview, readPages, signedIn, waitForDemo } from "./lib/screenshots/pictures.ts";
import { liveChange } from "./lib/screenshots/live-change.ts";

const log = (line: string) => console.log(`[screenshots] ${line}`);

async function main() {
  mkdirSync(DOCS, { recursive: true });
  const demo = await runningOrNewDemo(log);
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const shooter = { browser, appUrl: demo.appUrl, sandboxUrl: demo.sandboxUrl, log };
    const admin = await signedIn(shooter, "admin@example.com");
    await waitForDemo(admin.page, log);
    await liveChange(shooter, () => overview(shooter, admin.page));
    await readPages(shooter, admin.page);
    await approval(shooter);
    await admin.context.close();
  } finally {
    await browser.close();
    await demo.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[screenshots] failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
