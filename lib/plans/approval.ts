import { createHash } from "node:crypto";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import type { Db } from "../db/client.ts";
import { AppError, forbidden, notFound } from "../errors.ts";
import { assertCan, can, type Actor } from "../auth/guard.ts";
import { loadActor } from "../auth/actors.ts";
import { recordAudit, type RequestMeta } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import { getApprovalPolicy, requiredApprovals } from "../approvals/policy.ts";
import { assertChangeSetAvailable, expiredReason, loadApprovalTarget } from "../approvals/target.ts";
import type { ExecutionGrant } from "../approvals/execution.ts";
import { transitionPlan, transitionPlanIfStill, PlanConflict } from "./state-machine.ts";
import { planDecisionSchema, type PlanDecisionInput } from "./schema.ts";

// One approval per plan (issue 15): in an environment that requires approval, the plan is approved as a whole. The
// approval binds to a digest of every stack's change set, template version and parameters hash; any difference
// (a preview made again, a discarded change set) invalidates it. Four eyes and the cost rule are the single
// change's own rules (lib/approvals/policy.ts), the cost rule applied to the plan's total monthly delta.

const HOUR_MS = 3_600_000;

export interface BoundStack {
  template: string;
  action: string;
  changeSetId: string | null;
  templateVersionId: string | null;
  parametersHash: string | null;
}

export function planDigest(stacks: BoundStack[]): string {
  const canonical = [...stacks]
    .filter((s) => s.action !== "none")
    .sort((a, b) => a.template.localeCompare(b.template))
    .map((s) => [s.template, s.action, s.changeSetId, s.templateVersionId, s.parametersHash]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** What the approval needs when the previews are done: how many approvers (cost rule on the total) and until when. */
export async function approvalTerms(db: Db, environment: string, monthlyDelta: number | null): Promise<{ approvalsRequired: number; approvalExpiresAt: Date }> {
  const policy = await getApprovalPolicy(db, environment);
  return { approvalsRequired: requiredApprovals(policy, monthlyDelta), approvalExpiresAt: new Date(Date.now() + policy.validityHours * HOUR_MS) };
}

const planSelect = {
  id: true, status: true, environmentKey: true, requestedById: true, digest: true, approvalsRequired: true, approvalExpiresAt: true,
  execute: true, costDelta: true,
  stacks: { select: { template: true, action: true, status: true, changeSetId: true, templateVersionId: true, parametersHash: true, deploymentId: true } },
  decisions: { select: { userId: true, approved: true } },
} as const;

async function loadDecidable(db: Db, actor: Actor, planId: string) {
  const plan = await db.plan.findUnique({ where: { id: planId }, select: planSelect });
  if (!plan) throw notFound(`Plan ${planId}`);
  const environment = await db.environment.findUniqueOrThrow({ where: { key: plan.environmentKey }, select: { key: true, requiresApproval: true } });
  assertCan(actor, "change:approve", environment);
  if (plan.status !== "awaiting_approval") throw new AppError("conflict", `Plan ${planId} is ${plan.status}; there is no pending approval to decide.`);
  if (actor.userId === plan.requestedById) throw forbidden("You asked for this plan, so you cannot approve or reject it; another approver must.");
  if (plan.decisions.some((d) => d.userId === actor.userId)) throw new AppError("conflict", "You have already decided on this plan; it needs a different approver.");
  return { plan, environment };
}

/** The plan as approved still matches every stack's current preview, and the approval has not expired. */
export async function assertPlanStillValid(db: Db, plan: { id: string; digest: string | null; approvalExpiresAt: Date | null; stacks: (BoundStack & { deploymentId: string | null; status: string })[] }): Promise<void> {
  if (plan.approvalExpiresAt && plan.approvalExpiresAt <= new Date()) {
    const reason = expiredReason(plan.approvalExpiresAt);
    await transitionPlanIfStill(db, plan.id, ["awaiting_approval", "ready"], "failed", { resultReason: reason, audit: { actor: "system" } });
    throw new AppError("conflict", `${reason}.`);
  }
  const current: BoundStack[] = [];
  for (const s of plan.stacks) {
    if (s.status !== "ready" || !s.deploymentId) {
      current.push(s);
      continue;
    }
    const d = await loadApprovalTarget(db, s.deploymentId);
    current.push({ ...s, changeSetId: d.changeSetId, templateVersionId: d.templateVersionId, parametersHash: d.parametersHash });
    if (d.status !== "ready") return invalidate(db, plan.id, `${s.template}'s preview is ${d.status} now`);
    await assertChangeSetAvailable(db, d).catch(() => invalidate(db, plan.id, `${s.template}'s change set can no longer be executed`));
  }
  if (planDigest(current) !== plan.digest) return invalidate(db, plan.id, "a stack's change differs from the one in the plan");
}

async function invalidate(db: Db, planId: string, why: string): Promise<never> {
  const reason = `The plan changed since it was made (${why}); plan again`;
  await transitionPlanIfStill(db, planId, ["awaiting_approval", "ready"], "failed", { resultReason: reason, audit: { actor: "system" } });
  throw new AppError("conflict", `${reason}.`);
}

/** Approvals that still count: distinct people, none the requester, each still an approver here (read now). */
async function eligibleApprovers(db: Db, planId: string, requestedById: string, environment: { key: string; requiresApproval: boolean }): Promise<string[]> {
  const decisions = await db.planDecision.findMany({ where: { planId, approved: true }, select: { userId: true, email: true } });
  const out: string[] = [];
  for (const d of decisions) {
    if (d.userId === requestedById) continue;
    const approver = await loadActor(db, d.userId);
    if (approver && can(approver, "change:approve", environment)) out.push(d.email);
  }
  return out;
}

export async function approvePlan(db: Db, { actor, input: raw, meta }: { actor: Actor; input: PlanDecisionInput; meta?: RequestMeta }): Promise<void> {
  const input = parseInput(planDecisionSchema, raw);
  const { plan, environment } = await loadDecidable(db, actor, input.planId);
  // The change sets are read in the plan's environment account, as the approver (the plan runner's passes already
  // run inside that account), as a single deployment's approval does.
  await withEnvironmentTarget(db, environment.key, actor, () => assertPlanStillValid(db, plan));
  const policy = await getApprovalPolicy(db, environment.key);
  const total = (plan.costDelta as { monthlyDelta?: number } | null)?.monthlyDelta ?? null;
  const required = Math.max(plan.approvalsRequired ?? 0, requiredApprovals(policy, total));
  try {
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM plans WHERE id = ${plan.id}::uuid FOR UPDATE`;
      await tx.planDecision.create({ data: { planId: plan.id, userId: actor.userId, email: actor.email, approved: true, comment: input.comment } });
      const approvals = await tx.planDecision.count({ where: { planId: plan.id, approved: true } });
      const details = { planId: plan.id, comment: input.comment, approvals, required, digest: plan.digest };
      if (approvals < required) {
        await recordAudit(tx, { actor, action: "plan.approved", target: { type: "plan", id: plan.id }, environment: environment.key, meta, details: { ...details, complete: false } });
        return;
      }
      await transitionPlan(tx, plan.id, "awaiting_approval", plan.execute ? "applying" : "ready", {
        approvedAt: new Date(), approvalsRequired: required, ...(plan.execute ? { startedAt: new Date() } : {}),
        audit: { actor, meta, action: "plan.approved", details: { ...details, complete: true } },
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("conflict", "You have already decided on this plan; it needs a different approver.");
    if (error instanceof PlanConflict) throw new AppError("conflict", `Plan ${plan.id} changed meanwhile (${error.current}); reload it.`);
    throw error;
  }
}

export async function rejectPlan(db: Db, { actor, input: raw, meta }: { actor: Actor; input: PlanDecisionInput; meta?: RequestMeta }): Promise<void> {
  const input = parseInput(planDecisionSchema, raw);
  const { plan } = await loadDecidable(db, actor, input.planId);
  try {
    await db.$transaction(async (tx) => {
      await tx.planDecision.create({ data: { planId: plan.id, userId: actor.userId, email: actor.email, approved: false, comment: input.comment } });
      await transitionPlan(tx, plan.id, "awaiting_approval", "rejected", { resultReason: `Rejected by ${actor.email}: ${input.comment}`, audit: { actor, meta, details: { comment: input.comment } } });
    });
  } catch (error) {
    if (error instanceof PlanConflict) throw new AppError("conflict", `Plan ${plan.id} changed meanwhile (${error.current}); reload it.`);
    throw error;
  }
}

/**
 * The grant under which the plan runner executes one stack's deployment where approval is required: the plan is
 * approved, with enough eligible approvers, and this deployment is what the approval bound (the same change set;
 * for a stack previewed again after its upstream applied, the same template version and parameters).
 */
export async function planExecutionGrant(
  db: Db,
  plan: { id: string; requestedById: string; approvedAt: Date | null; approvalsRequired: number | null; environmentKey: string },
  stack: BoundStack & { previews: number },
  deploymentId: string,
): Promise<ExecutionGrant | undefined> {
  const environment = await db.environment.findUniqueOrThrow({ where: { key: plan.environmentKey }, select: { key: true, requiresApproval: true } });
  if (!environment.requiresApproval) return undefined; // the deployments' own rule: change:deploy
  if (!plan.approvedAt) throw forbidden(`Changes in ${environment.key} need approval: the plan is not approved.`);
  const d = await loadApprovalTarget(db, deploymentId);
  const sameChangeSet = stack.previews > 1 || stack.action === "delete" || d.changeSetId === stack.changeSetId;
  if (!sameChangeSet || d.templateVersionId !== stack.templateVersionId || d.parametersHash !== stack.parametersHash) {
    throw new AppError("conflict", `${stack.template}'s change differs from the one that was approved; plan again.`);
  }
  const approvers = await eligibleApprovers(db, plan.id, plan.requestedById, environment);
  if (approvers.length < (plan.approvalsRequired ?? 1)) {
    throw forbidden(`This plan needs ${plan.approvalsRequired} distinct approvals in ${environment.key} and has ${approvers.length} valid; plan again.`);
  }
  return { breakGlass: null, approval: { requestId: plan.id, approvers } };
}
