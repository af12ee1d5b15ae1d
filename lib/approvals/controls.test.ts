import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/guard.ts";
import type { DeploymentDetail } from "../deployments/types.ts";
import { deploymentOffer } from "./controls.ts";
import { requiredApprovals } from "./policy.ts";
import { executeSchema } from "./schema.ts";
import type { ApprovalView } from "./types.ts";

const actor = (email: string, role: "deployer" | "approver" | "admin"): Actor => ({ userId: email, email, name: email, grants: [{ environment: "*", role }] });
const production = { key: "production", name: "Production", requiresApproval: true };
const d = (status: DeploymentDetail["status"]) => ({ status, requestedBy: "dana@x" }) as DeploymentDetail;
const approval = (over: Partial<ApprovalView> = {}): ApprovalView => ({
  id: "r", deploymentId: "d", status: "pending", requestedBy: "dana@x", reason: "why", createdAt: "", expiresAt: "", expired: false,
  approvalsRequired: 1, approvals: 0, decisions: [], ...over,
});

describe("approval rules that need no database", () => {
  it("adds one approver above the cost threshold only", () => {
    expect(requiredApprovals({ approvers: 1, costThresholdUsd: null }, 1000)).toBe(1);
    expect(requiredApprovals({ approvers: 1, costThresholdUsd: 100 }, 100)).toBe(1);
    expect(requiredApprovals({ approvers: 2, costThresholdUsd: 100 }, 100.01)).toBe(3);
    expect(requiredApprovals({ approvers: 1, costThresholdUsd: 100 }, null)).toBe(1);
  });

  it("requires a typed reason to break glass", () => {
    const deploymentId = "7f1c7a4e-3a57-4a57-9a57-3a573a573a57";
    expect(executeSchema.safeParse({ deploymentId, breakGlass: true }).success).toBe(false);
    expect(executeSchema.safeParse({ deploymentId, breakGlass: "on", reason: "the site is down" }).data).toMatchObject({ breakGlass: true });
    expect(executeSchema.safeParse({ deploymentId }).success).toBe(true);
  });

  it("offers the requester Request approval instead of Deploy, approvers a decision, admins break glass", () => {
    const dana = actor("dana@x", "deployer");
    expect(deploymentOffer(dana, production, d("ready"), null)).toMatchObject({ deploy: false, requestApproval: true, breakGlass: false });
    expect(deploymentOffer(dana, production, d("awaiting_approval"), approval())).toMatchObject({ decide: false, notice: expect.stringContaining("Someone else") });
    expect(deploymentOffer(actor("arthur@x", "approver"), production, d("awaiting_approval"), approval())).toMatchObject({ decide: true });
    expect(deploymentOffer(actor("ada@x", "admin"), production, d("ready"), null)).toMatchObject({ deploy: false, breakGlass: true });
    const approved = approval({ status: "approved", approvals: 1, decisions: [{ by: "arthur@x", approved: true, comment: "ok", at: "" }] });
    expect(deploymentOffer(dana, production, d("ready"), approved)).toMatchObject({ deploy: true, requestApproval: false });
    expect(deploymentOffer(dana, { ...production, requiresApproval: false }, d("ready"), null)).toMatchObject({ deploy: true, requestApproval: false });
  });
});
