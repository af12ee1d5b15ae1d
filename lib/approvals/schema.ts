import { z } from "zod";
import { BREAK_GLASS_MIN_REASON } from "./limits.ts";

// Inputs of the approval commands: one schema each, shared by the forms, the API and the commands.

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const requestApprovalSchema = z
  .object({
    deploymentId: z.uuid(),
    reason: z.string().trim().min(5, "Say in a few words why this change is needed.").max(1000),
  })
  .strict();
export type RequestApprovalInput = z.infer<typeof requestApprovalSchema>;

export const decisionSchema = z
  .object({
    deploymentId: z.uuid(),
    comment: z.string().trim().min(1, "Add a comment for the requester.").max(1000),
  })
  .strict();
export type DecisionInput = z.infer<typeof decisionSchema>;


/** Execute: `breakGlass` (admins, environments that need approval) requires a typed reason. */
export const executeSchema = z
  .object({
    deploymentId: z.uuid(),
    breakGlass: checkbox.optional(),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.breakGlass && (input.reason ?? "").length < BREAK_GLASS_MIN_REASON) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: `Type why you need emergency access (at least ${BREAK_GLASS_MIN_REASON} characters).` });
    }
  });
export type ExecuteInput = z.input<typeof executeSchema>;

export const approvalPolicySchema = z
  .object({
    environment: z.string().trim().min(1).max(40),
    requiresApproval: checkbox.default(false),
    approvers: z.coerce.number().int().min(1, "At least 1 approver.").max(3, "At most 3 approvers."),
    validityHours: z.coerce.number().int().min(1, "At least 1 hour.").max(720, "At most 30 days (720 hours)."),
    costThresholdUsd: z.coerce.number().int().min(0, "Use 0 or more dollars.").max(1_000_000).nullish(),
  })
  .strict();
export type ApprovalPolicyInput = z.input<typeof approvalPolicySchema>;
