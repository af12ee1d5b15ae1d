"use server";

import { z } from "zod";
import { redirect } from "next/navigation";
import { authorizedAction } from "@/lib/auth/action";
import { environmentField, environmentOfDeployment, environmentOfStack } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { startChange } from "@/lib/deployments/start";
import { cancelDeployment, continueRollback, rollbackFailedStack } from "@/lib/deployments/commands";
import { adoptStack } from "@/lib/stacks/discovery/adopt";
import { adoptSchema } from "@/lib/stacks/discovery/schema";

const PARAM = "param.";

// Form fields -> the command's input. param.<Name> fields carry parameter values.
const changeFormSchema = z
  .object({
    environment: z.string().max(40),
    template: z.string().max(80),
    action: z.enum(["create", "update", "rollback", "delete"]),
    stackName: z.string().max(128).optional(),
    rollbackTo: z.string().max(64).optional(),
    note: z.string().max(1000).optional(),
    clientToken: z.string().max(128).optional(),
    confirmName: z.string().max(128).optional(),
    autoExecute: z.literal("on").optional(),
  })
  .catchall(z.string().max(4096))
  .transform((form) => {
    const parameters: Record<string, string> = {};
    for (const [key, value] of Object.entries(form)) if (key.startsWith(PARAM)) parameters[key.slice(PARAM.length)] = String(value);
    const { environment, template, action, stackName, rollbackTo, note, clientToken, confirmName } = form;
    return { environment, template, action, stackName, rollbackTo, note, clientToken, confirmName, parameters, autoExecute: form.autoExecute === "on" };
  });

/** Getting a stack out of trouble needs the right to deploy there (admins only where approval is required). */
const RECOVER_STACK = { requires: "change:deploy", environment: environmentOfStack() } as const;

/** Preview a change (create, update, roll back to a version, delete): then the deployment page shows the change set. */
export const requestChangeAction = authorizedAction(changeFormSchema, async (input, { actor, meta }) => {
  const deployment = await startChange(getDb(), { actor, meta, input });
  redirect(`/deployments/${deployment.id}`);
}, { access: { requires: "change:preview", environment: environmentField() } });

export const cancelUpdateAction = authorizedAction(z.object({ deploymentId: z.uuid() }).strict(), async (input, { actor, meta }) => {
  const deployment = await cancelDeployment(getDb(), { actor, meta, input });
  redirect(`/deployments/${deployment.id}`);
}, { access: { requires: "change:deploy", environment: environmentOfDeployment("deploymentId", { recovery: true }) } });

export const continueRollbackAction = authorizedAction(
  z.object({ stackName: z.string().max(128), resourcesToSkip: z.string().max(8000).optional() }).strict(),
  async ({ stackName, resourcesToSkip }, { actor, meta }) => {
    const skip = (resourcesToSkip ?? "").split(/[\s,]+/).filter(Boolean);
    const deployment = await continueRollback(getDb(), { actor, meta, input: { stackName, resourcesToSkip: skip } });
    redirect(`/deployments/${deployment.id}`);
  },
  { access: RECOVER_STACK },
);

export const rollbackFailedStackAction = authorizedAction(z.object({ stackName: z.string().max(128) }).strict(), async (input, { actor, meta }) => {
  const deployment = await rollbackFailedStack(getDb(), { actor, meta, input });
  redirect(`/deployments/${deployment.id}`);
}, { access: RECOVER_STACK });

// Issue 14: an admin adopts a stack found in the environment's account (lib/stacks/discovery/adopt.ts).
export const adoptStackAction = authorizedAction(adoptSchema, async (input, { actor, meta }) => {
  const stack = await adoptStack(getDb(), { actor, meta, input });
  redirect(`/stacks/${stack.name}`);
}, { access: { requires: "stack:adopt", environment: environmentOfStack() } });
