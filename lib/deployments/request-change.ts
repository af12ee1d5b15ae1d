import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import { recordAudit } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import { randomUUID } from "node:crypto";
import { createChangeSet, describeStack, type StackDescription } from "../aws/cloudformation.ts";
import { refusedByAws } from "../aws/errors.ts";
import { failIfStill, insertDeployment as insertDeploymentRow } from "./state-machine.ts";
import { processFaults, type Faults } from "./faults.ts";
import { recordChangeSet } from "./complete-preview.ts";
import { planRollback, planTemplateChange, costDelta, type ChangePlan } from "./change-plan.ts";
import {
  activeChangeConflict, activeDeploymentOf, changeSetNameFor, checkStackName, findStackByName, getEnvironmentByKey, parametersHash,
  uniqueViolation, type Command, type StackContext,
} from "./context.ts";
import { assertDeletable, deletionChanges } from "./delete-checks.ts";
import { rollbackTriggersFor, type RollbackTriggers } from "../alarms/rollback-triggers.ts";
import { loadDeploymentDetail } from "./deployment-detail.ts";
import { requestChangeSchema, type RequestChange, type RequestChangeInput } from "./schema.ts";
import { assertStackAction } from "./stack-actions.ts";
import type { DeploymentDetail, ResourceChange } from "./types.ts";

/**
 * Starts a change: checks who asks and what, records the deployment (one active per stack, idempotent per client
 * token) and creates the change set CloudFormation will preview. Returns at once with status `previewing` (the
 * tracker calls completePreview), or `ready` for a delete, which has no change set.
 */
export async function requestChange(
  db: Db,
  { actor, input: raw, meta, faults = processFaults() }: Command<RequestChangeInput>,
  options: { templateVersionId?: string } = {},
): Promise<DeploymentDetail> {
  const input = parseInput(requestChangeSchema, raw);
  const environment = await getEnvironmentByKey(db, input.environment);
  assertCan(actor, "change:preview", environment);
  if (input.clientToken) {
    const retried = await db.deployment.findUnique({ where: { clientToken: input.clientToken }, select: { id: true, requestedById: true } });
    if (retried) return sameRequester(db, retried, actor.userId);
  }
  // Every AWS call below acts in the environment's account, as this person (lib/environments/aws-target.ts).
  return withEnvironmentTarget(db, environment.key, actor, (target) => requestChangeInTarget(db, { actor, meta, faults, input, environment, region: target.region }, options));
}

async function requestChangeInTarget(
  db: Db,
  { actor, meta, faults, input, environment, region: targetRegion }: { actor: Actor; meta: Command<unknown>["meta"]; faults: Faults; input: RequestChange; environment: EnvironmentSummary; region: string },
  options: { templateVersionId?: string },
): Promise<DeploymentDetail> {
  const stackName = checkStackName(environment.key, input.template, input.stackName);
  let stack = await findStackByName(db, stackName);
  if (stack && (stack.templateName !== input.template || stack.environment.key !== environment.key)) {
    throw new AppError("conflict", `Stack ${stackName} already exists for template ${stack.templateName} in ${stack.environment.key}.`);
  }
  if (stack && (await activeDeploymentOf(db, stack.id))) throw await activeChangeConflict(db, stack.id, stackName);
  const region = stack?.region ?? targetRegion;
  const live = await describeStack(region, stackName);
  const exists = !!live && live.status !== "REVIEW_IN_PROGRESS";
  checkActionAgainstStack(stackName, input, live, exists);

  let plan: ChangePlan | null = null;
  let changes: ResourceChange[] = [];
  if (input.action === "create" || input.action === "update") {
    plan = await planTemplateChange(db, { actor, environment, template: input.template, stackId: stack?.id ?? null, overrides: input.parameters, stackExists: exists, templateVersionId: options.templateVersionId });
  } else if (input.action === "rollback") {
    if (!stack) throw new AppError("validation_failed", "Choose an earlier deployment of this stack.", { rollbackTo: ["This stack has no deployments yet."] });
    plan = await planRollback(db, { stackId: stack.id, template: input.template, environment: environment.key, rollbackTo: input.rollbackTo! });
  } else {
    if (input.confirmName !== stackName) {
      throw new AppError("validation_failed", "The typed name does not match the stack.", { confirmName: [`Type ${stackName} exactly to confirm.`] });
    }
    await assertDeletable(region, live!);
    changes = await deletionChanges(region, stackName);
  }

  stack ??= await createStackRow(db, stackName, input.template, environment, region);
  const deployment = await insertDeployment(db, { actor, meta, input, stack, plan, changes, awsStackId: live?.stackId ?? null });
  if (!deployment.created) return loadDeploymentDetail(db, deployment.id);
  const rollbackTriggers = plan && exists && environment.requiresApproval ? await rollbackTriggersFor(db, { stackId: stack.id, environment: environment.key }) : null;
  if (plan) await startChangeSet(db, { deploymentId: deployment.id, stackName, region, plan, type: exists ? "UPDATE" : "CREATE", environment: environment.key, template: input.template, rollbackTriggers, faults });
  return loadDeploymentDetail(db, deployment.id);
}

async function sameRequester(db: Db, retried: { id: string; requestedById: string }, userId: string): Promise<DeploymentDetail> {
  if (retried.requestedById !== userId) throw new AppError("conflict", "This client token was already used for another request.");
  return loadDeploymentDetail(db, retried.id);
}

function checkActionAgainstStack(stackName: string, input: RequestChange, live: StackDescription | null, exists: boolean): void {
  if (input.action === "create") {
    if (exists) throw new AppError("conflict", `Stack ${stackName} already exists (${live!.status}); update it instead.`);
    return;
  }
  if (!exists) throw new AppError("conflict", `Stack ${stackName} does not exist in CloudFormation${input.action === "delete" ? "" : "; create it first"}.`);
  const action = input.action === "rollback" ? "rollback-to-version" : input.action;
  assertStackAction(stackName, action, live!.status, null);
}

async function createStackRow(db: Db, name: string, templateName: string, environment: { id: string; key: string; name: string; requiresApproval: boolean }, region: string): Promise<StackContext> {
  try {
    await db.stack.create({ data: { name, templateName, environmentId: environment.id, region }, select: { id: true } });
  } catch (error) {
    if (!uniqueViolation(error)) throw error; // a concurrent first request created it: use that row
  }
  return (await findStackByName(db, name))!;
}

interface InsertInput {
  actor: Command<unknown>["actor"];
  meta: Command<unknown>["meta"];
  input: RequestChange;
  stack: StackContext;
  plan: ChangePlan | null;
  changes: ResourceChange[];
  awsStackId: string | null;
}

async function insertDeployment(db: Db, x: InsertInput): Promise<{ id: string; created: boolean }> {
  const deleteDelta = x.input.action === "delete" ? await costDelta(db, x.stack.id, x.stack.templateName, x.stack.environment.key, null) : null;
  // Our id, so the change set's name (derived from it) is stored with the row: the reconciler can always find it.
  const id = randomUUID();
  const changeSetName = x.plan ? changeSetNameFor(id) : null;
  try {
    await db.$transaction(async (tx) => {
      await insertDeploymentRow(tx, x.plan ? "previewing" : "ready", {
        id,
        stackId: x.stack.id,
        action: x.input.action,
        templateVersionId: x.plan?.templateVersionId ?? null,
        parameters: x.plan?.parameters ?? {},
        parametersHash: x.plan ? planParametersHash(x.plan) : null,
        changeSetName,
        costDelta: (x.plan?.costDelta ?? deleteDelta ?? undefined) as object | undefined,
        changes: x.changes as object[],
        resourcesTotal: x.changes.length,
        rollbackToId: x.input.rollbackTo ?? null,
        clientToken: x.input.clientToken ?? null,
        requestedById: x.actor.userId,
        requestedByTokenId: x.actor.tokenId ?? null,
        note: x.input.note ?? null,
        autoExecute: x.input.autoExecute ?? false,
      }, {
        actor: x.actor,
        meta: x.meta,
        target: x.stack.name,
        environment: x.stack.environment.key,
        details: {
          action: x.input.action,
          changeSetName,
          templateSha256: x.plan?.templateSha256 ?? null,
          parameters: x.plan?.parameters ?? {},
          rollbackTo: x.input.rollbackTo ?? null,
          autoExecute: x.input.autoExecute ?? false,
        },
      });
      if (x.awsStackId) await tx.stack.update({ where: { id: x.stack.id }, data: { awsStackId: x.awsStackId }, select: { id: true } });
    });
    return { id, created: true };
  } catch (error) {
    const index = uniqueViolation(error);
    if (index === "client_token") {
      const retried = await db.deployment.findUnique({ where: { clientToken: x.input.clientToken! }, select: { id: true, requestedById: true } });
      if (retried) return { id: (await sameRequester(db, retried, x.actor.userId)).id, created: false };
    }
    if (index === "one_active") throw await activeChangeConflict(db, x.stack.id, x.stack.name);
    throw error;
  }
}

/** NoEcho values are hashed masked: a hash of a short secret could be reversed by trying values. */
export const planParametersHash = (plan: ChangePlan) =>
  parametersHash(Object.fromEntries(plan.send.map((p) => [p.key, "value" in p ? (plan.parameters[p.key] ?? p.value) : "<previous>"])));

interface StartInput {
  deploymentId: string;
  stackName: string;
  region: string;
  plan: ChangePlan;
  type: "CREATE" | "UPDATE";
  environment: string;
  template: string;
  rollbackTriggers: RollbackTriggers | null;
  faults: Faults;
}

/**
 * CreateChangeSet after the intent (`previewing`, committed with the row). The deployment id is its ClientToken
 * and names the change set, so a retry creates nothing new and a crash before the id is stored is recoverable
 * (the reconciler looks the change set up by name).
 */
async function startChangeSet(db: Db, x: StartInput): Promise<void> {
  x.faults.at("create-change-set:before", x.deploymentId);
  let created: { changeSetId: string; stackId: string };
  try {
    created = await createChangeSet(x.region, {
      stackName: x.stackName,
      type: x.type,
      templateBody: x.plan.templateBody,
      parameters: x.plan.send,
      changeSetName: changeSetNameFor(x.deploymentId),
      clientToken: x.deploymentId,
      description: `Stackdeck deployment ${x.deploymentId}`,
      tags: { "stackdeck:environment": x.environment, "stackdeck:template": x.template },
      rollbackTriggers: x.rollbackTriggers,
    });
  } catch (error) {
    // CloudFormation refused the preview (bad template, stack busy, ...): the change ends here, with its reason.
    // Any other error may hide a change set that was created: the reconciler looks for it by name.
    if (!refusedByAws(error)) throw error;
    await failIfStill(db, x.deploymentId, ["previewing"], `Preview failed: ${(error as Error).message}`);
    throw error;
  }
  x.faults.at("create-change-set:after", x.deploymentId);
  await recordChangeSet(db, x.deploymentId, created);
}
