import { describe, expect, it } from "vitest";
import { planProgress } from "./progress.ts";
import { planDigest } from "./approval.ts";
import type { PlanStackDto } from "./types.ts";

const stack = (template: string, status: PlanStackDto["status"], dependsOn: string[] = [], extra: Partial<PlanStackDto> = {}): PlanStackDto => ({
  name: `staging-${template}`, template, action: "create", status, deploymentId: null, startedAt: null, finishedAt: null, dependsOn, changes: 0,
  dataStoreReplacements: [], monthlyDelta: null, note: null, reason: null, differences: [], expectedSeconds: 60, ...extra,
});

describe("plan progress", () => {
  it("counts finished stacks and takes the time left along the longest chain, less what already ran", () => {
    const now = new Date("2026-12-03T12:00:00Z");
    const stacks = [
      stack("network", "succeeded"),
      stack("security", "applying", ["network"], { startedAt: "2026-12-03T11:59:40Z" }), // 40 s left of 60
      stack("database", "deferred", ["security"], { expectedSeconds: 300 }),
      stack("cache", "deferred", ["security"], { expectedSeconds: 200 }),
      stack("service", "pending", ["database", "cache"], { expectedSeconds: 100 }),
    ];
    expect(planProgress(stacks, now)).toEqual({ done: 1, total: 5, percent: 20, secondsLeft: 40 + 300 + 100 });
  });

  it("is done when every stack is settled, whatever its outcome", () => {
    expect(planProgress([stack("a", "failed"), stack("b", "not_started", ["a"])], new Date())).toEqual({ done: 2, total: 2, percent: 100, secondsLeft: 0 });
  });
});

describe("the plan's digest", () => {
  const bound = [
    { template: "network", action: "update", changeSetId: "cs-1", templateVersionId: "v1", parametersHash: "h1" },
    { template: "iam", action: "none", changeSetId: null, templateVersionId: "v2", parametersHash: "h2" },
  ];
  it("binds every change set, version and parameters, in any order, and ignores stacks without changes", () => {
    expect(planDigest([...bound].reverse())).toBe(planDigest(bound));
    expect(planDigest([bound[0]!, { ...bound[1]!, parametersHash: "other" }])).toBe(planDigest(bound));
    expect(planDigest([{ ...bound[0]!, changeSetId: "cs-2" }, bound[1]!])).not.toBe(planDigest(bound));
  });
});
