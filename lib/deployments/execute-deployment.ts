import { withDeploymentTarget } from "../environments/aws-target.ts";
import type { Db } from "../db/client.ts";
import { AppError, forbidden } from "../errors.ts";
import { assertCan, can, type Actor, type EnvironmentPolicy } from "../auth/guard.ts";
import { recordAudit } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import { deleteStack, describeChangeSet, describeStack, executeChangeSet } from "../aws/cloudformation.ts";
import { refusedByAws } from "../aws/errors.ts";
import { authorizeExecution, type ExecutionGrant } from "../approvals/execution.ts";
import { executeSchema, type ExecuteInput } from "../approvals/schema.ts";
import type { Command } from "./context.ts";
import { changeSetState, OBSOLETE_PLAN } from "./change-set-status.ts";
import { assertDeletable } from "./delete-checks.ts";
import { loadDeploymentDetail } from "./deployment-detail.ts";
import { processFaults, type Faults } from "./faults.ts";
import { commitTransition, failIfStill, transition, TransitionConflict } from "./state-machine.ts";
import type { DeploymentDetail, DeploymentStatus } from "./types.ts";

export const OBSOLETE_REASON = OBSOLETE_PLAN;

/** Recovery operations (cancel, roll back) in an environment that requires approval: admins only. */
export function assertMayDeploy(actor: Actor, environment: EnvironmentPolicy): void {
  if (environment.requiresApproval && can(actor, "change:deploy", { ...environment, requiresApproval: false }) && !can(actor, "change:deploy", environment)) {
    throw forbidden(`Changes in ${environment.key} need approval; only an admin may start this operation there directly.`);
  }
  assertCan(actor, "change:deploy", environment);
}

interface Target {
  id: string;
  status: DeploymentStatus;
  action: string;
  changeSetId: string | null;
  changeSetName: string | null;
  templateVersion: { sha256: string } | null;
  stack: { name: string; region: string; environment: { key: string; requiresApproval: boolean } };
}

/**
 * Applies a ready deployment: executes exactly its change set (or deletes the stack). The intent (`executing`,
 * with who and the audit entry) is committed before CloudFormation is called; the deployment id is the call's
 * ClientRequestToken, so a retry after a crash starts nothing twice; `deploying` follows once CloudFormation
 * accepted. Where approval is required, authorizeExecution re-checks the approval (or the admin's break glass).
 * `appliedOnApproval`: run by auto-execute as the requester because the last approval landed. `grant`: a plan's
 * approval, which covers every change set of the plan (only the plan runner passes one, after checking it).
 */
async function executeDeploymentInTarget(
  db: Db,
  { actor, input: raw, meta, faults = processFaults() }: Command<ExecuteInput>,
  options: { appliedOnApproval?: boolean; grant?: ExecutionGrant } = {},
): Promise<DeploymentDetail> {
  const { deploymentId, breakGlass, reason } = parseInput(executeSchema, raw);
  const row = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: {
      id: true, status: true, action: true, changeSetId: true, changeSetName: true, templateVersion: { select: { sha256: true } },
      stack: { select: { name: true, region: true, environment: { select: { key: true, requiresApproval: true } } } },
    },
  });
  if (!row) throw new AppError("not_found", `Deployment ${deploymentId} was not found.`);
  // A plan's runner brings the grant of the plan's one approval (lib/plans/approval.ts), checked there.
  const grant = options.grant ?? (await authorizeExecution(db, actor, deploymentId, { breakGlass, reason }));
  // Break glass may also cut a pending approval request short; anything else runs only from ready.
  const from: DeploymentStatus[] = grant.breakGlass ? ["ready", "awaiting_approval"] : ["ready"];
  if (!from.includes(row.status)) {
    throw new AppError("conflict", `Deployment ${deploymentId} is ${row.status}; only a ready preview can be deployed.`);
  }
  await checkWithCloudFormation(db, row, from).catch(async (error: unknown) => {
    if (!(error instanceof AppError && error.code === "not_found")) throw error;
    // A concurrent discard may have deleted the change set meanwhile: say what happened to the deployment.
    const now = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { status: true } });
    if (!from.includes(now.status)) throw new AppError("conflict", `Deployment ${deploymentId} is ${now.status}; only a ready preview can be deployed.`);
    throw error;
  });

  // Taken before CloudFormation starts, so the operation's first events are never older than startedAt.
  const startedAt = new Date();
  await recordIntent(db, row, from, { actor, meta, grant, appliedOnApproval: options.appliedOnApproval ?? false });
  await callCloudFormation(db, row, faults);
  await commitTransition(db, deploymentId, "executing", "deploying", { startedAt, audit: { actor: "system", details: { clientRequestToken: deploymentId } } });
  return loadDeploymentDetail(db, deploymentId);
}

/** Read-only checks first: nothing is written for a change CloudFormation would refuse anyway. */
async function checkWithCloudFormation(db: Db, row: Target, from: DeploymentStatus[]): Promise<void> {
  const { stack } = row;
  if (row.action === "delete") {
    const live = await describeStack(stack.region, stack.name);
    if (!live) throw new AppError("conflict", `Stack ${stack.name} no longer exists in CloudFormation.`);
    await assertDeletable(stack.region, live);
    return;
  }
  const changeSet = await describeChangeSet(stack.region, { changeSetId: row.changeSetId!, stackName: stack.name });
  const state = changeSetState(changeSet);
  if (state === "obsolete") {
    await failIfStill(db, row.id, from, OBSOLETE_REASON);
    throw new AppError("conflict", OBSOLETE_REASON);
  }
  if (state !== "available") {
    throw new AppError("conflict", `The change set is ${changeSet.status} (${changeSet.executionStatus}) and cannot be executed; preview again.`);
  }
}

async function recordIntent(
  db: Db,
  row: Target,
  from: DeploymentStatus[],
  x: { actor: Actor; meta: Command<unknown>["meta"]; grant: ExecutionGrant; appliedOnApproval: boolean },
): Promise<void> {
  const { stack } = row;
  try {
    await db.$transaction(async (tx) => {
      // A concurrent execute, discard or expiry of the same deployment: the row lock lets exactly one move win.
      const was = await transition(tx, row.id, from, "executing", {
        executedById: x.actor.userId,
        breakGlass: !!x.grant.breakGlass,
        breakGlassReason: x.grant.breakGlass?.reason ?? null,
        audit: {
          actor: x.actor,
          meta: x.meta,
          action: row.action === "delete" ? "deployment.delete_executed" : "deployment.executed",
          details: {
            action: row.action, changeSetName: row.changeSetName, templateSha256: row.templateVersion?.sha256 ?? null,
            breakGlass: !!x.grant.breakGlass, approvedBy: x.grant.approval?.approvers ?? null, appliedOnApproval: x.appliedOnApproval,
          },
        },
      });
      if (x.grant.breakGlass) {
        await recordAudit(tx, {
          actor: x.actor, action: "deployment.break_glass", target: { type: "stack", id: stack.name }, environment: stack.environment.key, meta: x.meta,
          details: { deploymentId: row.id, reason: x.grant.breakGlass.reason, status: was },
        });
      }
    });
  } catch (error) {
    if (error instanceof TransitionConflict) {
      throw new AppError("conflict", `Deployment ${row.id} is ${error.current ?? "gone"}; only a ready preview can be deployed.`);
    }
    throw error;
  }
}

const UNCONFIRMED = "CloudFormation did not confirm the request. Stackdeck is checking what happened and will update this deployment.";

/** ExecuteChangeSet / DeleteStack. Refused by CloudFormation: back to ready with the reason, nothing started. */
async function callCloudFormation(db: Db, row: Target, faults: Faults): Promise<void> {
  const { stack } = row;
  const point = row.action === "delete" ? "delete-stack" : "execute-change-set";
  faults.at(`${point}:before`, row.id);
  try {
    if (row.action === "delete") await deleteStack(stack.region, { stackName: stack.name, clientRequestToken: row.id });
    else await executeChangeSet(stack.region, { changeSetId: row.changeSetId!, stackName: stack.name, clientRequestToken: row.id });
  } catch (error) {
    if (!refusedByAws(error)) {
      // No answer we can trust (it may have landed): the row stays `executing` and the reconciler asks AWS.
      if (error instanceof AppError) throw new AppError("internal", UNCONFIRMED);
      throw error;
    }
    await commitTransition(db, row.id, "executing", "ready", { audit: { actor: "system", details: { reason: (error as Error).message } } });
    throw error;
  }
  faults.at(`${point}:after`, row.id);
}

/** In the deployment's environment account, as the person executing it. */
export function executeDeployment(
  db: Db,
  command: Command<ExecuteInput>,
  options: { appliedOnApproval?: boolean; grant?: ExecutionGrant } = {},
): Promise<DeploymentDetail> {
  const raw = command.input;
  return withDeploymentTarget(db, String((raw as { deploymentId?: unknown } | undefined)?.deploymentId ?? ""), command.actor, () => executeDeploymentInTarget(db, command, options));
}
