import { z } from "zod";
import { listQuerySchema } from "../deployments/schema";

export const stackNameSchema = z.object({ stackName: z.string().trim().min(1).max(128) }).strict();

/** GET /api/v1/stacks: managed=false lists only the stacks found in the account that the console does not manage. */
export const listStacksQuerySchema = listQuerySchema.extend({
  managed: z.enum(["true", "false"]).optional().describe("true: only the console's stacks; false: only unmanaged ones; absent: both"),
});

export const adoptBodySchema = z.object({ template: z.string().trim().min(1).max(80).describe("the catalog template the stack is") }).strict();
