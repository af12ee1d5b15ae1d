import type { Db } from "../db/client.ts";
import { AppError, forbidden, notFound } from "../errors.ts";
import { assertCan, can, type Actor } from "../auth/guard.ts";
import { recordAudit, type RequestMeta } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import { PlanConflict, transitionPlan } from "./state-machine.ts";
import { planRefSchema, type PlanRef } from "./schema.ts";

// Applying and cancelling a plan. Who may apply is the single change's rule: change:deploy where no approval is
// needed; where it is, an approved plan, run by its requester, one of its approvers, or an admin.

interface Command<I> {
  actor: Actor;
  input: I;
  meta?: RequestMeta;
}

async function loadPlanForCommand(db: Db, planId: string) {
  const plan = await db.plan.findUnique({
    where: { id: planId },
    select: { id: true, status: true, environmentKey: true, requestedById: true, approvedAt: true, decisions: { select: { userId: true, approved: true } } },
  });
  if (!plan) throw notFound(`Plan ${planId}`);
  const environment = await db.environment.findUniqueOrThrow({ where: { key: plan.environmentKey }, select: { key: true, requiresApproval: true } });
  return { plan, environment };
}

export async function executePlan(db: Db, { actor, input: raw, meta }: Command<PlanRef>): Promise<void> {
  const { planId } = parseInput(planRefSchema, raw);
  const { plan, environment } = await loadPlanForCommand(db, planId);
  if (environment.requiresApproval) {
    const approver = plan.decisions.some((d) => d.approved && d.userId === actor.userId) && can(actor, "change:approve", environment);
    const requester = plan.requestedById === actor.userId && can(actor, "change:request", environment);
    if (!requester && !approver && !can(actor, "change:break-glass", environment)) {
      if (!can(actor, "change:request", environment) && !can(actor, "change:approve", environment)) assertCan(actor, "change:deploy", environment);
      throw forbidden(`Only the plan's requester or one of its approvers may apply it in ${environment.key}.`);
    }
    if (!plan.approvedAt) throw forbidden(`Changes in ${environment.key} need approval: ${plan.status === "awaiting_approval" ? "the plan is still waiting for approvers" : "the plan is not approved"}.`);
  } else {
    assertCan(actor, "change:deploy", environment);
  }
  if (plan.status !== "ready") throw new AppError("conflict", `Plan ${planId} is ${plan.status}; only a ready plan can be applied.`);
  try {
    await db.$transaction((tx) => transitionPlan(tx, planId, "ready", "applying", { startedAt: new Date(), audit: { actor, meta } }));
  } catch (error) {
    if (error instanceof PlanConflict) throw new AppError("conflict", `Plan ${planId} is ${error.current}; only a ready plan can be applied.`);
    throw error;
  }
}

/** Before applying: the plan ends at once (the runner discards its previews). Applying: what runs finishes, nothing new starts. */
export async function cancelPlan(db: Db, { actor, input: raw, meta }: Command<PlanRef>): Promise<void> {
  const { planId } = parseInput(planRefSchema, raw);
  const { plan, environment } = await loadPlanForCommand(db, planId);
  assertCan(actor, "change:preview", environment);
  if (plan.status === "applying") {
    await db.$transaction(async (tx) => {
      const { count } = await tx.plan.updateMany({ where: { id: planId, status: "applying", cancelRequested: false }, data: { cancelRequested: true } });
      if (!count) throw new AppError("conflict", `Plan ${planId} is no longer applying, or its cancel was already requested.`);
      await recordAudit(tx, { actor, action: "plan.cancel_requested", target: { type: "plan", id: planId }, environment: environment.key, meta, details: { planId } });
    });
    return;
  }
  try {
    await db.$transaction((tx) => transitionPlan(tx, planId, ["planning", "ready", "awaiting_approval"], "cancelled", { resultReason: `Cancelled by ${actor.email}`, audit: { actor, meta } }));
  } catch (error) {
    if (error instanceof PlanConflict) throw new AppError("conflict", `Plan ${planId} is ${error.current}; it can no longer be cancelled.`);
    throw error;
  }
}
