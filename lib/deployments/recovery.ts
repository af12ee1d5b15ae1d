import { withDeploymentTarget, withStackTarget } from "../environments/aws-target.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { assertCan } from "../auth/guard.ts";
import { randomUUID } from "node:crypto";
import { refusedByAws } from "../aws/errors.ts";
import { parseInput } from "../validation.ts";
import { cancelUpdateStack, continueUpdateRollback, describeStack, rollbackStack } from "../aws/cloudformation.ts";
import { activeChangeConflict, activeDeploymentOf, requireStack, uniqueViolation, type Command, type StackContext } from "./context.ts";
import { assertMayDeploy } from "./execute-deployment.ts";
import { loadDeploymentDetail } from "./deployment-detail.ts";
import { processFaults, type Faults } from "./faults.ts";
import { commitTransition, failIfStill, insertDeployment } from "./state-machine.ts";
import { continueRollbackSchema, deploymentRefSchema, rollbackStackSchema, type ContinueRollbackInput, type DeploymentRef, type RollbackStackInput } from "./schema.ts";
import { assertStackAction } from "./stack-actions.ts";
import type { DeploymentDetail, StackAction } from "./types.ts";

// Getting a stack out of trouble: cancel an update in flight, continue a rollback that got stuck, roll back a
// stack whose failed operation was kept (rollback disabled). Each is allowed only in the status AWS allows it.

/**
 * CancelUpdateStack for a deploying update. The intent (`cancelling`) is committed first; the call carries a token
 * derived from the deployment id; the tracker then follows the rollback and the deployment ends `cancelled` (or
 * `succeeded`, when the update finished before the cancel could stop it).
 */
async function cancelDeploymentInTarget(db: Db, { actor, input: raw, meta, faults = processFaults() }: Command<DeploymentRef>): Promise<DeploymentDetail> {
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
  await commitTransition(db, deploymentId, "deploying", "cancelling", { audit: { actor, meta } });
  faults.at("cancel-update-stack:before", deploymentId);
  try {
    await cancelUpdateStack(stack.region, { stackName: stack.name, clientRequestToken: cancelTokenFor(deploymentId) });
  } catch (error) {
    if (!refusedByAws(error)) throw error;
    // Refused (the update already reached its cleanup or its end): it is still deploying, the tracker finishes it.
    await commitTransition(db, deploymentId, "cancelling", "deploying", { audit: { actor: "system", details: { reason: (error as Error).message } } });
    throw error;
  }
  faults.at("cancel-update-stack:after", deploymentId);
  return loadDeploymentDetail(db, deploymentId);
}

/** The ClientRequestToken of a deployment's cancel (its update already carries the deployment id itself). */
export const cancelTokenFor = (deploymentId: string) => `cancel-${deploymentId}`;

/** ContinueUpdateRollback (UPDATE_ROLLBACK_FAILED only), skipping the resources that cannot be rolled back. */
async function continueRollbackInTarget(db: Db, { actor, input: raw, meta, faults = processFaults() }: Command<ContinueRollbackInput>): Promise<DeploymentDetail> {
  const input = parseInput(continueRollbackSchema, raw);
  return startRecovery(db, { actor, meta, stackName: input.stackName, clientToken: input.clientToken, stackAction: "continue-rollback",
    note: input.resourcesToSkip.length ? `Continue rollback, skipping ${input.resourcesToSkip.join(", ")}` : "Continue rollback",
    run: (stack, token) => continueUpdateRollback(stack.region, { stackName: stack.name, resourcesToSkip: input.resourcesToSkip, clientRequestToken: token }),
    details: { resourcesToSkip: input.resourcesToSkip }, faults });
}

/** RollbackStack (CREATE_FAILED / UPDATE_FAILED only): back to the last stable state. */
async function rollbackFailedStackInTarget(db: Db, { actor, input: raw, meta, faults = processFaults() }: Command<RollbackStackInput>): Promise<DeploymentDetail> {
  const input = parseInput(rollbackStackSchema, raw);
  return startRecovery(db, { actor, meta, stackName: input.stackName, clientToken: input.clientToken, stackAction: "roll-back", note: "Roll back the failed operation",
    run: (stack, token) => rollbackStack(stack.region, { stackName: stack.name, clientRequestToken: token }), details: {}, faults });
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
  faults: Faults;
}

/**
 * A recovery is a deployment too (action rollback, no target version): it holds the stack's one active slot while
 * it runs. It is created `executing` (the intent, with its audit entry) before CloudFormation is called with the
 * deployment id as token, and becomes `deploying` once CloudFormation accepted it.
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
  const id = randomUUID();
  const startedAt = new Date();
  try {
    await db.$transaction((tx) =>
      insertDeployment(tx, "executing", {
        id, stackId: stack.id, action: "rollback", requestedById: r.actor.userId, requestedByTokenId: r.actor.tokenId ?? null,
        executedById: r.actor.userId, clientToken: r.clientToken ?? null, note: r.note,
      }, {
        actor: r.actor, meta: r.meta, action: `deployment.${r.stackAction.replace("-", "_")}`, target: stack.name, environment: stack.environment.key,
        details: { stackStatus: live?.status ?? null, ...r.details },
      }),
    );
  } catch (error) {
    if (uniqueViolation(error) === "one_active") throw await activeChangeConflict(db, stack.id, stack.name);
    throw error;
  }
  const point = r.stackAction === "continue-rollback" ? "continue-update-rollback" : "rollback-stack";
  r.faults.at(`${point}:before`, id);
  try {
    await r.run(stack, id);
  } catch (error) {
    if (!refusedByAws(error)) throw error;
    await failIfStill(db, id, ["executing"], `${r.note} failed: ${(error as Error).message}`);
    throw error;
  }
  r.faults.at(`${point}:after`, id);
  await commitTransition(db, id, "executing", "deploying", { startedAt, audit: { actor: "system", details: { clientRequestToken: id } } });
  return loadDeploymentDetail(db, id);
}

/** In the deployment's environment account, as the person asking. */
export function cancelDeployment(db: Db, command: Command<DeploymentRef>): Promise<DeploymentDetail> {
  const raw = command.input;
  return withDeploymentTarget(db, String((raw as { deploymentId?: unknown } | undefined)?.deploymentId ?? ""), command.actor, () => cancelDeploymentInTarget(db, command));
}

/** In the stack's environment account, as the person asking. */
export function continueRollback(db: Db, command: Command<ContinueRollbackInput>): Promise<DeploymentDetail> {
  return withStackTarget(db, { name: String((command.input as { stackName?: unknown } | undefined)?.stackName ?? "") }, command.actor, () => continueRollbackInTarget(db, command));
}

/** In the stack's environment account, as the person asking. */
export function rollbackFailedStack(db: Db, command: Command<RollbackStackInput>): Promise<DeploymentDetail> {
  return withStackTarget(db, { name: String((command.input as { stackName?: unknown } | undefined)?.stackName ?? "") }, command.actor, () => rollbackFailedStackInTarget(db, command));
}
