import { z } from "zod";
import { decisionSchema, requestApprovalSchema } from "@/lib/approvals/schema";

const parameterValue = z.union([z.string().max(4096), z.number(), z.boolean()]).transform(String);

/** POST /api/v1/deployments: preview a change (and, with execute: true, apply it once ready where no approval is needed). */
export const createDeploymentSchema = z
  .object({
    environment: z.string().trim().min(1).max(40).describe("environment key, e.g. staging or production"),
    template: z.string().trim().min(1).max(80).describe("template name from the catalog, e.g. network"),
    stack: z.string().trim().min(1).max(128).optional().describe("stack name: <environment>-<template> (the default) or <environment>-<template>-<suffix>"),
    parameters: z.record(z.string().max(255), parameterValue).default({}).describe("values for the parameters you may change; the rest come from the environment's profile"),
    action: z.enum(["create", "update", "rollback", "delete"]),
    rollbackTo: z.uuid().optional().describe("rollback: the earlier deployment whose template and parameters to restore"),
    execute: z.boolean().default(false).describe("apply it as soon as the preview is ready (where approval is required, once approved)"),
    clientToken: z.string().trim().min(1).max(128).optional().describe("idempotency key: the same token returns the same deployment"),
    note: z.string().max(1000).optional().describe("why, shown on the deployment and in the audit log"),
    confirmName: z.string().max(128).optional().describe("delete: the stack's name, typed to confirm"),
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

/** GET /api/v1/deployments/{id}/events: the live stream, or with format=json one page for polling scripts. */
export const eventsQuerySchema = z.object({
  after: z.string().max(40).optional().describe("our event sequence number already seen (or send Last-Event-ID)"),
  format: z.enum(["json"]).optional().describe("json: one page of events instead of the live stream"),
  limit: z.coerce.number().int().min(1).max(1000).default(500).describe("page size with format=json"),
});

/** POST /api/v1/deployments/{id}/request-approval: the command's own rules, without the id (it is in the path). */
export const requestApprovalBodySchema = requestApprovalSchema.omit({ deploymentId: true });

/** POST /api/v1/deployments/{id}/approve and /reject */
export const decisionBodySchema = decisionSchema.omit({ deploymentId: true });

/** POST /api/v1/deployments/{id}/execute: admins may break glass (with a reason) where approval is required. */
export const executeBodySchema = z.object({ breakGlass: z.boolean().optional(), reason: z.string().max(1000).optional() }).strict();
