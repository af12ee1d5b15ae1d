"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { environmentOfStack } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { startDriftDetection } from "@/lib/drift/commands";

// issue 16: day-2 operations on a stack page (drift detection).

export const detectDriftAction = authorizedAction(z.object({ stackName: z.string().max(128) }).strict(), async (input, { actor, meta }) => {
  await startDriftDetection(getDb(), { actor, meta, input });
  return { message: "Drift detection started." };
}, { access: { requires: "change:preview", environment: environmentOfStack() } });
