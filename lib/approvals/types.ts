import type { DeploymentDetail } from "../deployments/types.ts";

// The approvals domain's DTOs: plain data only (safe for client components).

export interface ApprovalPolicyView {
  environment: string;
  environmentName: string;
  requiresApproval: boolean;
  approvers: number;
  validityHours: number;
  costThresholdUsd: number | null;
}

export interface ApprovalDecisionView {
  by: string; // email
  approved: boolean;
  comment: string;
  at: string; // ISO
}

export interface ApprovalView {
  id: string;
  deploymentId: string;
  status: "pending" | "approved" | "rejected";
  requestedBy: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  approvalsRequired: number;
  approvals: number;
  decisions: ApprovalDecisionView[];
}

export interface ApprovalQueueItem {
  deploymentId: string;
  stackName: string;
  environment: string;
  action: string;
  status: "pending" | "approved" | "rejected";
  requestedBy: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  approvals: number;
  approvalsRequired: number;
  monthlyDelta: number | null;
}

export interface DeploymentWithApproval extends DeploymentDetail {
  /** The deployment's environment needs approval before a change is applied. */
  requiresApproval: boolean;
  approval: ApprovalView | null;
}
