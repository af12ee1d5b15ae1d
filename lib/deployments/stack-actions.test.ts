import { describe, expect, it } from "vitest";
import { allowedStackActions, assertStackAction } from "./stack-actions.ts";

describe("allowedStackActions", () => {
  it.each([
    [null, null, []],
    ["REVIEW_IN_PROGRESS", null, []],
    ["CREATE_COMPLETE", null, ["update", "rollback-to-version", "delete"]],
    ["UPDATE_ROLLBACK_COMPLETE", null, ["update", "rollback-to-version", "delete"]],
    ["UPDATE_IN_PROGRESS", { status: "deploying" as const }, ["cancel"]],
    ["UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", { status: "deploying" as const }, []],
    ["CREATE_IN_PROGRESS", { status: "deploying" as const }, []],
    ["UPDATE_ROLLBACK_FAILED", null, ["continue-rollback", "delete"]],
    ["CREATE_FAILED", null, ["roll-back", "delete"]],
    ["UPDATE_FAILED", null, ["roll-back", "delete"]],
    ["ROLLBACK_COMPLETE", null, ["delete"]],
    ["DELETE_FAILED", null, ["delete"]],
    ["UPDATE_COMPLETE", { status: "ready" as const }, []],
  ])("%s with active %o -> %o", (status, active, expected) => {
    expect(allowedStackActions(status, active)).toEqual(expected);
  });

  it("refuses the others with the status, the active change and what is allowed", () => {
    expect(() => assertStackAction("staging-db", "update", "ROLLBACK_COMPLETE", null)).toThrow(
      "Stack staging-db cannot be updated while it is ROLLBACK_COMPLETE. Allowed now: delete.",
    );
    expect(() => assertStackAction("staging-db", "delete", "UPDATE_COMPLETE", { id: "d1", status: "ready" })).toThrow(
      "Stack staging-db cannot be deleted while it is UPDATE_COMPLETE. It already has an active change: d1 (ready).",
    );
  });
});
