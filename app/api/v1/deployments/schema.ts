import { z } from "zod";

const parameterValue = z.union([z.string().max(4096), z.number(), z.boolean()]).transform(String);

/** POST /api/v1/deployments: preview a change (and, with execute: true, apply it once ready where no approval is needed). */
export const createDeploymentSchema = z
  .object({
    environment: z.string().trim().min(1).max(40),
    template: z.string().trim().min(1).max(80),
    stack: z.string().trim().min(1).max(128).optional(),
    parameters: z.record(z.string().max(255), parameterValue).default({}),
    action: z.enum(["create", "update", "rollback", "delete"]),
    rollbackTo: z.uuid().optional(),
    execute: z.boolean().default(false),
    clientToken: z.string().trim().min(1).max(128).optional(),
    note: z.string().max(1000).optional(),
    confirmName: z.string().max(128).optional(),
  })
  .strict();
export type CreateDeploymentBody = z.infer<typeof createDeploymentSchema>;


export const listQuerySchema = z
  .object({
    environment: z.string().trim().min(1).max(40).default("staging"),
    cursor: z.string().trim().max(128).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** POST /api/v1/deployments/{id}/request-approval */
export const requestApprovalBodySchema = z.object({ reason: z.string().max(1000) }).strict();

/** POST /api/v1/deployments/{id}/approve and /reject */
export const decisionBodySchema = z.object({ comment: z.string().max(1000) }).strict();

/** POST /api/v1/deployments/{id}/execute: admins may break glass (with a reason) where approval is required. */
export const executeBodySchema = z.object({ breakGlass: z.boolean().optional(), reason: z.string().max(1000).optional() }).strict();
