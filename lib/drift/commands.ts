import type { Db } from "../db/client.ts";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import { AppError, notFound } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import type { AuditActor, RequestMeta } from "../audit/record.ts";
import { detectStackDrift } from "../aws/cloudformation-drift.ts";
import { classifyStackStatus } from "../deployments/stack-status.ts";
import { failDetection, insertDetecting, recordDetectionId } from "./store.ts";
import { getStackDrift } from "./queries.ts";
import type { StackDriftDto } from "./types.ts";

// Starting a detection: the intent row first, then DetectStackDrift, then its id on the row. The drift refresh job
// (refresh.ts) follows it from there; a crash before the id is stored leaves a row the job fails as interrupted.

const stackSelect = { id: true, name: true, region: true, status: true, deletedAt: true, environment: { select: { key: true, requiresApproval: true } } } as const;

/** POST /api/v1/stacks/{name}/drift and the stack page's "Detect drift" (deployers and admins). */
export async function startDriftDetection(db: Db, command: { actor: Actor; meta?: RequestMeta; input: { stackName: string } }): Promise<StackDriftDto> {
  const stack = await db.stack.findUnique({ where: { name: command.input.stackName }, select: stackSelect });
  if (!stack) throw notFound(`Stack ${command.input.stackName}`);
  assertCan(command.actor, "change:preview", stack.environment);
  // In the stack's environment account, as the person asking (lib/environments/aws-target.ts).
  await withEnvironmentTarget(db, stack.environment.key, command.actor, () => beginDetection(db, stack, { trigger: "manual", actor: command.actor, meta: command.meta }));
  return getStackDrift(db, stack.id);
}

type StackRow = { id: string; name: string; region: string; status: string | null; deletedAt: Date | null; environment: { key: string } };

/** Also the scheduled run's entry (actor "system"). Idempotent: a detection in flight is reused. */
export async function beginDetection(db: Db, stack: StackRow, how: { trigger: "manual" | "scheduled"; actor: AuditActor; meta?: RequestMeta }): Promise<void> {
  if (stack.deletedAt || !stack.status) throw new AppError("conflict", `Stack ${stack.name} does not exist in AWS; there is nothing to compare.`);
  if (!classifyStackStatus(stack.status).stable) {
    throw new AppError("conflict", `Stack ${stack.name} is ${stack.status}; detect drift once the current operation has finished.`);
  }
  const row = await insertDetecting(db, { stack: { id: stack.id, name: stack.name, environment: stack.environment.key }, ...how });
  if (!row.created) return;
  try {
    await recordDetectionId(db, row.id, await detectStackDrift(stack.region, stack.name));
  } catch (error) {
    await failDetection(db, row.id, error instanceof AppError ? error.message : "CloudFormation could not start the drift detection.");
    throw error;
  }
}
