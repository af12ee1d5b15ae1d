"use server";

import { redirect } from "next/navigation";
import { authorizedAction } from "@/lib/auth/action";
import { retryPreview } from "@/lib/deployments/retry-preview";
import { environmentOfDeployment } from "@/lib/auth/authorize-first";
import { executeAccess } from "@/lib/approvals/access";
import { getDb } from "@/lib/db/client";
import { deploymentRefSchema } from "@/lib/deployments/schema";
import { startExecution } from "@/lib/deployments/start";
import { discardPreview } from "@/lib/deployments/commands";
import { decisionSchema, executeSchema, requestApprovalSchema } from "@/lib/approvals/schema";
import { approveDeployment, rejectDeployment, requestApproval } from "@/lib/approvals/commands";

const APPROVE = { requires: "change:approve", environment: environmentOfDeployment() } as const;

export const executeDeploymentAction = authorizedAction(
  executeSchema,
  async (input, { actor, meta }) => {
    await startExecution(getDb(), { actor, meta, input });
    return { message: input.breakGlass ? "Deploying with emergency access (recorded)." : "Deploying." };
  },
  { access: executeAccess() },
);

export const discardPreviewAction = authorizedAction(
  deploymentRefSchema,
  async (input, { actor, meta }) => {
    await discardPreview(getDb(), { actor, meta, input });
    return { message: "Preview discarded." };
  },
  { access: { requires: "change:preview", environment: environmentOfDeployment() } },
);

/** Retry a failed preview as a new deployment, then show that one. */
export const retryPreviewAction = authorizedAction(
  deploymentRefSchema,
  async (input, { actor, meta }) => {
    const deployment = await retryPreview(getDb(), { actor, meta, input });
    redirect(`/deployments/${deployment.id}`);
  },
  { access: { requires: "change:preview", environment: environmentOfDeployment() } },
);

export const requestApprovalAction = authorizedAction(
  requestApprovalSchema,
  async (input, { actor, meta }) => {
    await requestApproval(getDb(), { actor, meta, input });
    return { message: "Approval requested." };
  },
  { access: { requires: "change:request", environment: environmentOfDeployment() }, revalidate: "/approvals" },
);

export const approveDeploymentAction = authorizedAction(
  decisionSchema,
  async (input, { actor, meta }) => {
    const d = await approveDeployment(getDb(), { actor, meta, input });
    return { message: d.status === "ready" ? "Approved: the change may be executed now." : "Approval recorded; more approvers are needed." };
  },
  { access: APPROVE, revalidate: "/approvals" },
);

export const rejectDeploymentAction = authorizedAction(
  decisionSchema,
  async (input, { actor, meta }) => {
    await rejectDeployment(getDb(), { actor, meta, input });
    return { message: "Rejected." };
  },
  { access: APPROVE, revalidate: "/approvals" },
);
