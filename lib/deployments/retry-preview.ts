import type { Db } from "../db/client.ts";
import { AppError, notFound } from "../errors.ts";
import { assertCan } from "../auth/guard.ts";
import { parseInput } from "../validation.ts";
import { NO_ECHO_MASK, type Command } from "./context.ts";
import { deploymentRefSchema, type DeploymentRef } from "./schema.ts";
import { startChange } from "./start.ts";
import type { DeploymentDetail } from "./types.ts";

/**
 * "Retry" on a failed preview: the same change (template, stack, action, parameters, rollback target, note) asked
 * again as a new deployment, e.g. once the missing upstream stack exists. Secret values were never stored, so an
 * update keeps the stack's own (UsePreviousValue) and a create asks for them again.
 */
export async function retryPreview(db: Db, { actor, input, meta }: Command<DeploymentRef>): Promise<DeploymentDetail> {
  const { deploymentId } = parseInput(deploymentRefSchema, input);
  const row = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: {
      status: true, startedAt: true, action: true, parameters: true, rollbackToId: true, note: true,
      stack: { select: { name: true, templateName: true, environment: { select: { key: true, requiresApproval: true } } } },
    },
  });
  if (!row) throw notFound(`Deployment ${deploymentId}`);
  assertCan(actor, "change:preview", row.stack.environment);
  if (row.status !== "failed" || row.startedAt || row.action === "delete") {
    throw new AppError("conflict", `Deployment ${deploymentId} is not a failed preview; start a new change from its stack instead.`);
  }
  const parameters = Object.fromEntries(Object.entries(row.parameters as Record<string, string>).filter(([, v]) => v !== NO_ECHO_MASK));
  return startChange(db, {
    actor,
    meta,
    input: {
      environment: row.stack.environment.key,
      template: row.stack.templateName,
      stackName: row.stack.name,
      action: row.action,
      parameters: row.action === "rollback" ? {} : parameters,
      ...(row.rollbackToId ? { rollbackTo: row.rollbackToId } : {}),
      ...(row.note ? { note: row.note } : {}),
    },
  });
}
