"use server";

import { authorizedAction } from "@/lib/auth/action";

import { getDb } from "@/lib/db/client";
import { approvalPolicySchema } from "@/lib/approvals/schema";
import { updateApprovalPolicy } from "@/lib/approvals/commands";

export const updateApprovalPolicyAction = authorizedAction(
  approvalPolicySchema,
  async (input, { actor, meta }) => {
    const policy = await updateApprovalPolicy(getDb(), { actor, meta, input });
    return { message: `Approval policy of ${policy.environmentName} saved.` };
  },
  { access: { requires: "users:manage" }, revalidate: "/approvals" },
);
