import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { assertCan } from "../auth/guard.ts";
import { recordAudit } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import { cancelUpdateStack, continueUpdateRollback, describeStack, rollbackStack } from "../aws/cloudformation.ts";
import { activeChangeConflict, activeDeploymentOf, requireStack, uniqueViolation, type Command, type StackContext } from "./context.ts";
import { assertMayDeploy } from "./execute-deployment.ts";
import { loadDeploymentDetail } from "./deployment-detail.ts";
import { markFailed } from "./finish.ts";
import { continueRollbackSchema, deploymentRefSchema, rollbackStackSchema, type ContinueRollbackInput, type DeploymentRef, type RollbackStackInput } from "./schema.ts";
import { assertStackAction } from "./stack-actions.ts";
import type { DeploymentDetail, StackAction } from "./types.ts";

// Getting a stack out of trouble: cancel an update in flight, continue a rollback that got stuck, roll back a
// stack whose failed operation was kept (rollback disabled). Each is allowed only in the status AWS allows it.

/** CancelUpdateStack for a deploying update; the deployment ends `cancelled` once CloudFormation rolled it back. */
export async function cancelDeployment(db: Db, { actor, input: raw, meta }: Command<DeploymentRef>): Promise<DeploymentDetail> {
  const { deploymentId } = parseInput(deploymentRefSchema, raw);
  const row = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: { status: true, stack: { select: { name: true, region: true, environment: { select: { key: true, requiresApproval: true } } } } },
  });
  if (!row) throw new AppError("not_found", `Deployment ${deploymentId} was not found.`);
  const { stack } = row;
  // Stopping a change only returns the stack to where it was: no approval needed, the right to deploy is.
  assertCan(actor, "change:deploy", { ...stack.environment, requiresApproval: false });
  if (row.status !== "deploying") throw new AppError("conflict", `Deployment ${deploymentId} is ${row.status}; only a running update can be cancelled.`);
  const live = await describeStack(stack.region, stack.name);
  assertStackAction(stack.name, "cancel", live?.status ?? null, null);
  await cancelUpdateStack(stack.region, { stackName: stack.name, clientRequestToken: `cancel-${deploymentId}` });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor, action: "deployment.cancel_requested", target: { type: "stack", id: stack.name }, environment: stack.environment.key, meta,
      details: { deploymentId },
    }),
  );
  return loadDeploymentDetail(db, deploymentId);
}

/** ContinueUpdateRollback (UPDATE_ROLLBACK_FAILED only), skipping the resources that cannot be rolled back. */
export async function continueRollback(db: Db, { actor, input: raw, meta }: Command<ContinueRollbackInput>): Promise<DeploymentDetail> {
  const input = parseInput(continueRollbackSchema, raw);
  return startRecovery(db, { actor, meta, stackName: input.stackName, clientToken: input.clientToken, stackAction: "continue-rollback",
    note: input.resourcesToSkip.length ? `Continue rollback, skipping ${input.resourcesToSkip.join(", ")}` : "Continue rollback",
    run: (stack, token) => continueUpdateRollback(stack.region, { stackName: stack.name, resourcesToSkip: input.resourcesToSkip, clientRequestToken: token }),
    details: { resourcesToSkip: input.resourcesToSkip } });
}

/** RollbackStack (CREATE_FAILED / UPDATE_FAILED only): back to the last stable state. */
export async function rollbackFailedStack(db: Db, { actor, input: raw, meta }: Command<RollbackStackInput>): Promise<DeploymentDetail> {
  const input = parseInput(rollbackStackSchema, raw);
  return startRecovery(db, { actor, meta, stackName: input.stackName, clientToken: input.clientToken, stackAction: "roll-back", note: "Roll back the failed operation",
    run: (stack, token) => rollbackStack(stack.region, { stackName: stack.name, clientRequestToken: token }), details: {} });
}

interface Recovery {
  actor: Command<unknown>["actor"];
  meta: Command<unknown>["meta"];
  stackName: string;
  clientToken?: string;
  stackAction: StackAction;
  note: string;
  run: (stack: StackContext, clientRequestToken: string) => Promise<void>;
  details: Record<string, unknown>;
}

/**
 * A recovery is a deployment too (action rollback, no target version): it holds the stack's one active slot while
 * it runs, and is `ready` until CloudFormation accepted it so the tracker never follows an operation not started.
 */
async function startRecovery(db: Db, r: Recovery): Promise<DeploymentDetail> {
  const stack = await requireStack(db, r.stackName);
  assertMayDeploy(r.actor, stack.environment);
  if (r.clientToken) {
    const retried = await db.deployment.findUnique({ where: { clientToken: r.clientToken }, select: { id: true } });
    if (retried) return loadDeploymentDetail(db, retried.id);
  }
  const live = await describeStack(stack.region, stack.name);
  assertStackAction(stack.name, r.stackAction, live?.status ?? null, await activeDeploymentOf(db, stack.id));
  let id: string;
  try {
    id = await db.$transaction(async (tx) => {
      const row = await tx.deployment.create({
        data: { stackId: stack.id, action: "rollback", status: "ready", requestedById: r.actor.userId, requestedByTokenId: r.actor.tokenId ?? null, clientToken: r.clientToken ?? null, note: r.note },
        select: { id: true },
      });
      await recordAudit(tx, {
        actor: r.actor, action: `deployment.${r.stackAction.replace("-", "_")}`, target: { type: "stack", id: stack.name },
        environment: stack.environment.key, meta: r.meta, details: { deploymentId: row.id, stackStatus: live?.status ?? null, ...r.details },
      });
      return row.id;
    });
  } catch (error) {
    if (uniqueViolation(error) === "one_active") throw await activeChangeConflict(db, stack.id, stack.name);
    throw error;
  }
  const startedAt = new Date();
  try {
    await r.run(stack, id);
  } catch (error) {
    await markFailed(db, id, `${r.note} failed: ${(error as Error).message}`, ["ready"]);
    throw error;
  }
  await db.deployment.update({ where: { id }, data: { status: "deploying", startedAt, executedById: r.actor.userId }, select: { id: true } });
  return loadDeploymentDetail(db, id);
}
