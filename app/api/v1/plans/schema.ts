import { planDecisionSchema } from "@/lib/plans/schema";

/** POST /api/v1/plans/{id}/approve and /reject: the command's rules without the id (it is in the path). */
export const planDecisionBodySchema = planDecisionSchema.omit({ planId: true });
