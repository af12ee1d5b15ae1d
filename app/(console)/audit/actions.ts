"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { requestAuditVerification, type VerificationDto } from "@/lib/audit/verifications";
import { enqueueAuditVerification } from "@/lib/audit/jobs/enqueue";

/** Starts the verify job (a large log takes minutes: never inside this request); the page then follows its progress. */
export const verifyAuditAction = authorizedAction(
  z.object({}).strict(),
  async (_input, { actor, meta }) => {
    const run: VerificationDto = await requestAuditVerification(getDb(), { actor, meta, enqueue: enqueueAuditVerification });
    return { message: "Verification started.", data: run };
  },
  { access: { requires: "audit:read" } },
);
