"use server";

import { authorizedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { deploymentRefSchema } from "@/lib/deployments/schema";
import { startExecution } from "@/lib/deployments/start";
import { discardPreview } from "@/lib/deployments/commands";

export const executeDeploymentAction = authorizedAction(
  deploymentRefSchema,
  async (input, { actor, meta }) => {
    await startExecution(getDb(), { actor, meta, input });
    return { message: "Deploying." };
  }
);

export const discardPreviewAction = authorizedAction(
  deploymentRefSchema,
  async (input, { actor, meta }) => {
    await discardPreview(getDb(), { actor, meta, input });
    return { message: "Preview discarded." };
  }
);
