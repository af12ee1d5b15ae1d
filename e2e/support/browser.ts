import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

// Playwright cannot download its own browser on offline machines: use Debian's Chromium when it is there,
// Playwright's own when that is installed, and say clearly what to do when neither is.
const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1",
];

export function chromiumExecutable(): string | undefined {
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  if (existsSync(chromium.executablePath())) return undefined; // Playwright's own browser
  throw new Error(
    `No Chromium found. Install Debian's (apt-get install -y chromium, gives ${SYSTEM_CHROMIUM}), ` +
      "set CHROMIUM_PATH, or run `npx playwright install chromium` where the internet is reachable.",
  );
}
