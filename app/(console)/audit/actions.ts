"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { describeVerifyOutcome, verifyAuditIntegrity, type VerifyOutcome } from "@/lib/audit/verify";

export const verifyAuditAction = authorizedAction(z.object({}).strict(), async (_input, { actor }) => {
  const result: VerifyOutcome = await verifyAuditIntegrity(getDb(), actor);
  return { message: describeVerifyOutcome(result), data: result };
});
