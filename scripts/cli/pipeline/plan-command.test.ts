import { describe, expect, it } from "vitest";
import type { PlanDto } from "../../../lib/plans/types.ts";
import { UsageError } from "../args.ts";
import { EXIT } from "./outcome.ts";
import { followPlan, templateParameters } from "./plan-command.ts";

const stack = (template: string, status: string) => ({ name: `staging-${template}`, template, action: "create", status, reason: status === "failed" ? "It ended ROLLBACK_COMPLETE." : null });
const plan = (status: string, stacks: ReturnType<typeof stack>[], extra: Partial<PlanDto> = {}) =>
  ({ id: "p", status, execute: true, resultReason: null, stacks, progress: { done: stacks.filter((s) => ["succeeded", "failed", "not_started"].includes(s.status)).length, total: stacks.length, percent: 0, secondsLeft: 120 }, ...extra }) as unknown as PlanDto;

describe("stackdeck plan", () => {
  it("reads template.Key=Value parameters and refuses anything else", () => {
    expect(templateParameters(["iam.GitHubRepository=acme/shop", "load-balancer.CertificateArn=arn:x=y"])).toEqual({ iam: { GitHubRepository: "acme/shop" }, "load-balancer": { CertificateArn: "arn:x=y" } });
    expect(() => templateParameters(["GitHubRepository=acme/shop"])).toThrow(UsageError);
  });

  it("follows a plan: one line per stack move, the plan's status, and the outcome's exit code", async () => {
    const answers = [
      plan("applying", [stack("network", "applying"), stack("service", "deferred")]),
      plan("applying", [stack("network", "succeeded"), stack("service", "applying")]),
      plan("failed", [stack("network", "succeeded"), stack("service", "failed")], { resultReason: "Stopped: staging-service failed. Applied: staging-network." }),
    ];
    const lines: string[] = [];
    const code = await followPlan("p", 60_000, async () => answers.shift()!, (l) => lines.push(l), 1);
    expect(code).toBe(EXIT.failed);
    expect(lines.filter((l) => l.startsWith("  staging-network"))).toHaveLength(2); // applying, succeeded: no repeats
    expect(lines).toContain("  staging-service              failed: It ended ROLLBACK_COMPLETE.");
    expect(lines.at(-1)).toBe("Stopped: staging-service failed. Applied: staging-network.");
  });

  it("exits 4 when a plan that will not apply itself is ready", async () => {
    const code = await followPlan("p", 60_000, async () => plan("ready", [stack("network", "ready")], { execute: false }), () => undefined, 1);
    expect(code).toBe(EXIT.needsAction);
  });
});
