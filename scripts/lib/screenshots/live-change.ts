import { expect } from "@playwright/test";
import { shoot, signedIn, type Shooter } from "./pictures.ts";

// A real change, made by the deployer in the browser: the staging service gets the next image and the other
// task count (1 ↔ 2, so the preview shows a cost movement). Its preview is one picture; deploying it with the
// sandbox at a pace a person could follow (only for this change) gives the live progress and the stack page
// with its ECS rollout under way.

const STACK = "staging-service";
const WATCHABLE_SPEED = 0.4;

/** `whileDeploying` runs once the change is under way (the overview is photographed with it in progress). */
export async function liveChange(s: Shooter, whileDeploying: () => Promise<void>): Promise<void> {
  const { context, page } = await signedIn(s, "deployer@example.com");
  const current = (await (await page.request.get(`/api/v1/stacks/${STACK}`)).json()) as { parameters: Record<string, string> };
  const image = nextImage(current.parameters.ImageTag ?? "1.5.0");
  const tasks = current.parameters.DesiredCount === "2" ? "1" : "2";
  s.log(`changing ${STACK}: image ${current.parameters.ImageTag} → ${image}, tasks ${current.parameters.DesiredCount} → ${tasks}`);

  await page.goto(`/stacks/${STACK}/change`);
  await page.getByLabel("ImageTag").fill(image);
  await page.getByLabel("DesiredCount").fill(tasks);
  await page.getByLabel("Note (optional)").fill(`Release ${image}${tasks === "2" ? " with a second task for the launch traffic" : ", back to one task"}`);
  await page.getByRole("button", { name: "Preview change" }).click();
  await expect(page.getByRole("heading", { name: "What will change" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("heading", { name: "What will change" }).scrollIntoViewIfNeeded();
  await shoot(page, "change-preview", s.log);

  await page.evaluate(() => window.scrollTo(0, 0));
  const previous = await sandboxSpeed(s.sandboxUrl);
  await sandboxSpeed(s.sandboxUrl, WATCHABLE_SPEED);
  try {
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    const progress = page.getByRole("progressbar", { name: "Deployment progress" });
    await expect(async () => {
      const now = Number(await progress.getAttribute("aria-valuenow"));
      expect(now).toBeGreaterThanOrEqual(30);
      expect(now).toBeLessThan(90);
    }).toPass({ timeout: 120_000, intervals: [500] });
    await expect(page.getByText("live", { exact: true })).toBeVisible({ timeout: 30_000 });
    await shoot(page, "live-deployment", s.log);
    await whileDeploying();
    await expect(page.getByRole("status").filter({ hasText: "The change was applied." })).toBeVisible({ timeout: 180_000 });
    // ECS starts the new tasks once CloudFormation has updated the services; catch the rollout under way.
    const stack = await context.newPage();
    await expect(async () => {
      await stack.goto(`/stacks/${STACK}`);
      await expect(stack.getByRole("cell", { name: "IN_PROGRESS", exact: true }).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 90_000, intervals: [4_000] });
    // Tall enough for the stack's header, parameters and outputs and the first service's rollout.
    await stack.setViewportSize({ width: 1440, height: 1560 });
    await shoot(stack, "stack", s.log);
  } finally {
    await sandboxSpeed(s.sandboxUrl, previous);
  }
  await context.close();
}

/** 1.5.0 → 1.6.0: the next minor release (any tag without a version gets 1.6.0). */
export function nextImage(tag: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(tag);
  return m ? `${m[1]}.${Number(m[2]) + 1}.0` : "1.6.0";
}

/** The sandbox's control endpoint (sandbox/README.md): reads the speed, or sets it. */
async function sandboxSpeed(sandboxUrl: string, speed?: number): Promise<number> {
  const response = await fetch(new URL("/_sandbox/config", sandboxUrl), { method: "POST", body: JSON.stringify(speed === undefined ? {} : { speed }) });
  if (!response.ok) throw new Error(`the sandbox refused the speed ${speed}: HTTP ${response.status}`);
  return ((await response.json()) as { speed: number }).speed;
}
