import { z } from "zod";

// Inputs of the deployment commands: one schema each, shared by the forms, the API and the commands.

const key = z.string().trim().min(1).max(80);

export const requestChangeSchema = z
  .object({
    environment: key,
    template: key,
    stackName: z.string().trim().min(1).max(128).optional(),
    parameters: z.record(z.string(), z.coerce.string()).default({}),
    action: z.enum(["create", "update", "rollback", "delete"]),
    rollbackTo: z.uuid().optional(),
    clientToken: z.string().trim().min(1).max(128).optional(),
    note: z.string().trim().max(1000).optional(),
    /** Execute as soon as the preview is ready, where the requester may deploy without approval (CI). */
    autoExecute: z.boolean().optional(),
    /** Delete only: the stack's name typed by the user. */
    confirmName: z.string().trim().optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.action === "rollback" && !input.rollbackTo) {
      ctx.addIssue({ code: "custom", path: ["rollbackTo"], message: "Choose the earlier deployment to roll back to." });
    }
    if (input.action === "delete" && !input.confirmName) {
      ctx.addIssue({ code: "custom", path: ["confirmName"], message: "Type the stack's name to confirm the deletion." });
    }
  });
export type RequestChangeInput = z.input<typeof requestChangeSchema>;
export type RequestChange = z.output<typeof requestChangeSchema>;

export const deploymentRefSchema = z.object({ deploymentId: z.uuid() }).strict();
export type DeploymentRef = z.infer<typeof deploymentRefSchema>;

export const rollbackStackSchema = z
  .object({ stackName: z.string().trim().min(1).max(128), clientToken: z.string().trim().min(1).max(128).optional() })
  .strict();
export type RollbackStackInput = z.infer<typeof rollbackStackSchema>;

export const continueRollbackSchema = z
  .object({
    stackName: z.string().trim().min(1).max(128),
    resourcesToSkip: z.array(z.string().trim().min(1).max(255)).max(200).default([]),
    clientToken: z.string().trim().min(1).max(128).optional(),
  })
  .strict();
export type ContinueRollbackInput = z.input<typeof continueRollbackSchema>;
