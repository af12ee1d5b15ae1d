import "./fault-catalog.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/guard.ts";
import { startPlanId, startPlatformConsole, type PlatformConsole } from "./test-support.ts";

// A fault in one stack stops the plan: what already runs finishes, nothing new starts, and the plan says what
// ran, what rolled back and what did not start. The cache stack's creation fails in the sandbox (fault-catalog.ts).

let c: PlatformConsole;
let deployer: Actor;

beforeAll(async () => {
  c = await startPlatformConsole({ speed: 0.005, prefix: "stackdeck_plan_fault" });
  deployer = await c.actor("deployer");
}, 60_000);
afterAll(() => c?.close());

describe("a failing stack in a plan", () => {
  it("stops scheduling, lets the running stacks finish and leaves the rest not started", { timeout: 180_000 }, async () => {
    const id = await startPlanId(c.db, { actor: deployer, input: { environment: "staging", action: "apply", execute: true, parameters: { iam: { GitHubRepository: "acme/storefront" } } } });
    const plan = await c.waitForPlan(deployer, id, ["succeeded", "failed"]);
    expect(plan.status).toBe("failed");
    const status = Object.fromEntries(plan.stacks.map((s) => [s.template, s.status]));
    expect(status).toMatchObject({ iam: "succeeded", network: "succeeded", security: "succeeded", service: "not_started" });
    expect(["rolled_back", "failed"]).toContain(status.cache);
    const cache = plan.stacks.find((s) => s.template === "cache")!;
    // Its neighbours in the layer either ran alongside it (started before it failed, then finished) or never started.
    const failedAt = Date.parse(cache.finishedAt!);
    for (const s of plan.stacks.filter((x) => x.template === "database" || x.template === "load-balancer")) {
      if (s.status === "succeeded") expect(Date.parse(s.startedAt!), s.template).toBeLessThan(failedAt);
      else expect(s.status, s.template).toBe("not_started");
    }
    // Nothing started after the failure.
    for (const s of plan.stacks) if (s.startedAt) expect(Date.parse(s.startedAt), s.template).toBeLessThanOrEqual(failedAt);
    expect(cache.reason).toMatch(/Subnet quota exceeded/);
    expect(plan.resultReason).toMatch(/Stopped: staging-cache (rolled back|failed)/);
    expect(plan.resultReason).toMatch(/not started: (.*, )?staging-service/);
    // The service was never previewed (its upstream failed first): no deployment, and no stack is left held.
    expect(plan.stacks.find((s) => s.template === "service")!.deploymentId).toBeNull();
    expect(await c.db.deployment.count({ where: { status: { in: ["previewing", "ready", "awaiting_approval", "executing", "deploying"] } } })).toBe(0);
    // The failed stack keeps its own deployment record, as any change would.
    const d = await c.db.deployment.findUniqueOrThrow({ where: { id: cache.deploymentId! }, select: { status: true, resultReason: true } });
    expect(["rolled_back", "failed"]).toContain(d.status);
  });
});
