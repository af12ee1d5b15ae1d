import { describe, expect, it } from "vitest";
import { overviewVerdict } from "./verdict.ts";

const groups = (g: Partial<Record<"failed" | "rollback" | "in_progress" | "healthy" | "other", number>>) => ({ failed: 0, rollback: 0, in_progress: 0, healthy: 0, other: 0, ...g });

describe("overview verdict", () => {
  it("all good only when nothing needs a look", () => {
    expect(overviewVerdict({ byGroup: groups({ healthy: 7 }), total: 7, alarmsInAlarm: 0, inProgress: 0, awaitingApproval: 0 }))
      .toEqual({ tone: "green", text: "All good: 7 stacks healthy, no alarms" });
    expect(overviewVerdict({ byGroup: groups({ healthy: 1 }), total: 1, alarmsInAlarm: null, inProgress: 0, awaitingApproval: 0 }))
      .toEqual({ tone: "green", text: "All good: 1 stack healthy, alarm states unknown" });
  });

  it("problems first, worst first; amber for rollbacks alone", () => {
    expect(overviewVerdict({ byGroup: groups({ healthy: 5, failed: 1 }), total: 6, alarmsInAlarm: 2, inProgress: 0, awaitingApproval: 0 }))
      .toEqual({ tone: "red", text: "2 alarms in ALARM, 1 stack failed" });
    expect(overviewVerdict({ byGroup: groups({ healthy: 5, rollback: 2 }), total: 7, alarmsInAlarm: 0, inProgress: 0, awaitingApproval: 1 }))
      .toEqual({ tone: "amber", text: "2 stacks rolled back, 1 change awaiting approval" });
  });

  it("blue while things move and nothing is wrong", () => {
    expect(overviewVerdict({ byGroup: groups({ healthy: 3, in_progress: 1 }), total: 4, alarmsInAlarm: 0, inProgress: 1, awaitingApproval: 0 }))
      .toEqual({ tone: "blue", text: "1 deployment in progress; 3 stacks healthy, no alarms" });
  });
});
