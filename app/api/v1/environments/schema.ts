import { z } from "zod";

/** PUT /api/v1/environments/{key}: the body as sent (validated by lib/environments/schema.ts in the command). */
export const environmentTargetBodySchema = z.object({
  accountId: z.string(),
  region: z.string(),
  roleArn: z.string().nullable().optional(),
  externalId: z.string().nullable().optional(),
  sessionDurationSeconds: z.number().int(),
  serviceRoleArn: z.string().nullable().optional(),
}).strict();
