import { describe, expect, it } from "vitest";
import { StackStatus } from "@aws-sdk/client-cloudformation";
import { classifyStackStatus, STACK_STATUSES, stackStatusGroup } from "./stack-status.ts";
import { deploymentOutcome } from "./apply-tracked-status.ts";

// Every value of the SDK's StackStatus enum, classified once: what the tracker, the overview and the deployment
// result make of it. A status AWS adds later fails the first test until someone decides what it means.

const EXPECTED: Record<string, [phase: string, final: boolean, group: string, outcome: string | null, stable: boolean]> = {
  CREATE_IN_PROGRESS: ["in_progress", false, "in_progress", null, false],
  CREATE_FAILED: ["failed", true, "failed", "failed", false],
  CREATE_COMPLETE: ["complete", true, "healthy", "succeeded", true],
  ROLLBACK_IN_PROGRESS: ["in_progress", false, "rollback", null, false],
  ROLLBACK_FAILED: ["failed", true, "failed", "failed", false],
  ROLLBACK_COMPLETE: ["rolled_back", true, "rollback", "rolled_back", false],
  DELETE_IN_PROGRESS: ["in_progress", false, "in_progress", null, false],
  DELETE_FAILED: ["failed", true, "failed", "failed", false],
  DELETE_COMPLETE: ["deleted", true, "other", "succeeded", false],
  UPDATE_IN_PROGRESS: ["in_progress", false, "in_progress", null, false],
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: ["in_progress", false, "in_progress", null, false],
  UPDATE_COMPLETE: ["complete", true, "healthy", "succeeded", true],
  UPDATE_FAILED: ["failed", true, "failed", "failed", false],
  UPDATE_ROLLBACK_IN_PROGRESS: ["in_progress", false, "rollback", null, false],
  UPDATE_ROLLBACK_FAILED: ["failed", true, "failed", "failed", false],
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: ["in_progress", false, "rollback", null, false],
  UPDATE_ROLLBACK_COMPLETE: ["rolled_back", true, "rollback", "rolled_back", true],
  REVIEW_IN_PROGRESS: ["review", false, "other", null, false],
  IMPORT_IN_PROGRESS: ["in_progress", false, "in_progress", null, false],
  IMPORT_COMPLETE: ["complete", true, "healthy", "succeeded", true],
  IMPORT_ROLLBACK_IN_PROGRESS: ["in_progress", false, "rollback", null, false],
  IMPORT_ROLLBACK_FAILED: ["failed", true, "failed", "failed", false],
  IMPORT_ROLLBACK_COMPLETE: ["rolled_back", true, "rollback", "rolled_back", true],
};

describe("the stack status classifier", () => {
  it("knows exactly the SDK's StackStatus values", () => {
    expect([...STACK_STATUSES].sort()).toEqual(Object.values(StackStatus).sort());
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.values(StackStatus).sort());
  });

  it.each(Object.values(StackStatus))("classifies %s", (status) => {
    const c = classifyStackStatus(status);
    expect([c.phase, c.final, c.group, c.outcome, c.stable]).toEqual(EXPECTED[status]);
    expect(c.import).toBe(status.startsWith("IMPORT_"));
    expect(stackStatusGroup(status)).toBe(c.group);
    // Final means the tracker stops; then the deployment must end too (IMPORT_COMPLETE once left it deploying).
    expect(deploymentOutcome(status, false) !== null).toBe(c.final);
  });

  it("maps a rollback after a cancel to cancelled, and leaves unknown statuses open and grey", () => {
    expect(deploymentOutcome("UPDATE_ROLLBACK_COMPLETE", true)).toBe("cancelled");
    expect(deploymentOutcome("UPDATE_COMPLETE", true)).toBe("succeeded");
    expect(classifyStackStatus("SOMETHING_NEW")).toMatchObject({ phase: "unknown", final: false, group: "other" });
    expect(classifyStackStatus(null)).toMatchObject({ final: false, group: "other" });
  });
});
