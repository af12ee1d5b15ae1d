import type { Db } from "../db/client.ts";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import { AppError } from "../errors.ts";
import { loadActor } from "../auth/actors.ts";
import type { Actor } from "../auth/guard.ts";
import { startChange, startExecution } from "../deployments/start.ts";
import { discardPreview } from "../deployments/discard-preview.ts";
import { NO_CHANGES } from "../deployments/complete-preview.ts";
import { NO_FAULTS, type Faults } from "../deployments/faults.ts";
import type { DeploymentStatus, ResourceChange } from "../deployments/types.ts";
import { approvalTerms, assertPlanStillValid, planDigest, planExecutionGrant } from "./approval.ts";
import { exportsChange } from "./exports.ts";
import { moveStack, planHeartbeat, transitionPlanIfStill } from "./state-machine.ts";
import type { PlanStackStatus, PlanStatus } from "./types.ts";

// The plan runner's one pass (the pg-boss job in job.ts calls it every second or so while the plan is active).
// Every step is a guarded transition, so a pass is safe twice and after a crash: a stack's intent (previewing,
// applying) is written before the deployment command, and the commands are idempotent (a client token per
// preview, the deployment's own state machine for execution), so the next pass finishes what a crash cut short.

const planSelect = {
  id: true, status: true, environmentKey: true, action: true, execute: true, cancelRequested: true, concurrency: true, note: true,
  requestedById: true, requestedByTokenId: true, approvedAt: true, approvalsRequired: true, approvalExpiresAt: true, digest: true, costDelta: true,
  stacks: {
    orderBy: { position: "asc" },
    select: {
      id: true, template: true, stackName: true, action: true, status: true, dependsOn: true, deploymentId: true, previews: true,
      templateVersionId: true, parametersHash: true, changeSetId: true, parameters: true,
    },
  },
} as const;

type Plan = NonNullable<Awaited<ReturnType<typeof loadPlan>>>;
type Stack = Plan["stacks"][number];

async function loadPlan(db: Db, id: string) {
  const plan = await db.plan.findUnique({ where: { id }, select: planSelect });
  return plan && { ...plan, stacks: plan.stacks.map((s) => ({ ...s, dependsOn: s.dependsOn as string[] })) };
}

const DONE: readonly PlanStackStatus[] = ["succeeded", "no_change"];
const STOPPED: readonly PlanStackStatus[] = ["failed", "rolled_back"];

export interface AdvanceOptions {
  faults?: Faults;
}

/**
 * One pass over the plan: "busy" while something moves (passes follow at once), "waiting" while it waits for
 * people (an approval, an apply): the runner then looks again only now and then; "done" once nothing is left.
 */
export type PassOutcome = "busy" | "waiting" | "done";

export async function advancePlan(db: Db, planId: string, options: AdvanceOptions = {}): Promise<PassOutcome> {
  const plan = await loadPlan(db, planId);
  if (!plan) return "done";
  await planHeartbeat(db, planId);
  if (["succeeded", "failed", "cancelled", "rejected"].includes(plan.status)) return cleanUp(db, plan);
  const actor = await loadActor(db, plan.requestedById, plan.requestedByTokenId ?? undefined);
  if (!actor) {
    await finish(db, plan, "failed", "The requester's account or API token is no longer valid");
    return "busy";
  }
  const run = { db, plan, actor, faults: options.faults ?? NO_FAULTS };
  // Every AWS call of this pass acts in the plan's environment account, as its requester.
  return withEnvironmentTarget(db, plan.environmentKey, actor, () => advanceInTarget(run));
}

async function advanceInTarget(run: Run): Promise<PassOutcome> {
  const { db, plan } = run;
  switch (plan.status as PlanStatus) {
    case "planning":
      await planningPass(run);
      break;
    case "awaiting_approval":
      await assertPlanStillValid(db, plan).catch(ignoreConflict); // a change set made obsolete meanwhile ends it
      return "waiting";
    case "ready":
      if (plan.cancelRequested) await finish(db, plan, "cancelled", "Cancelled before it was applied");
      return "waiting";
    case "applying":
      await applyingPass(run);
      break;
  }
  return "busy";
}

interface Run {
  db: Db;
  plan: Plan;
  actor: Actor;
  faults: Faults;
}

async function planningPass(run: Run): Promise<void> {
  const { db, plan } = run;
  if (plan.cancelRequested) return void (await finish(db, plan, "cancelled", "Cancelled while it was being planned"));
  const byTemplate = new Map(plan.stacks.map((s) => [s.template, s]));
  const toPreview: Stack[] = [];
  for (const stack of plan.stacks) {
    if (stack.status === "previewing") await followPreview(run, stack);
    if (stack.status !== "pending") continue;
    const ups = stack.dependsOn.map((t) => byTemplate.get(t)).filter((s): s is Stack => !!s);
    if (ups.some((u) => u.status === "pending" || u.status === "previewing")) continue; // their previews first
    const changing = plan.action === "destroy" ? [] : await changingUpstreams(db, ups);
    if (changing.length) {
      const why = changing.map((u) => `${u.stackName} ${u.action === "create" ? "is created" : "changes its exports"}`).join(", ");
      const again = changing.some((u) => u.action !== "create") ? "again " : "";
      await moveStack(db, stack.id, plan.id, "pending", "deferred", { note: `Previewed ${again}once its upstream is applied: ${why}.` });
      stack.status = "deferred";
      continue;
    }
    toPreview.push(stack);
  }
  await Promise.all(toPreview.map((stack) => startPreview(run, stack))); // independent of each other
  const current = (await loadPlan(db, plan.id))!;
  const failed = current.stacks.find((s) => s.status === "failed");
  if (failed) return void (await stop(run, current, "failed", `The preview of ${failed.stackName} failed`));
  if (!current.stacks.every((s) => ["ready", "no_change", "deferred"].includes(s.status))) return;
  if (current.stacks.every((s) => s.status === "no_change")) return void (await finish(db, current, "succeeded", "Nothing to change: every stack already matches"));
  const environment = await db.environment.findUniqueOrThrow({ where: { key: current.environmentKey }, select: { requiresApproval: true } });
  const digest = planDigest(current.stacks);
  if (environment.requiresApproval) {
    const terms = await approvalTerms(db, current.environmentKey, (current.costDelta as { monthlyDelta?: number } | null)?.monthlyDelta ?? null);
    await transitionPlanIfStill(db, current.id, "planning", "awaiting_approval", { digest, ...terms, audit: { actor: run.actor, details: { digest, reason: current.note, ...terms } } });
  } else {
    await transitionPlanIfStill(db, current.id, "planning", current.execute ? "applying" : "ready", {
      digest, ...(current.execute ? { startedAt: new Date() } : {}), audit: { actor: "system", details: { digest } },
    });
  }
}

/** Upstream stacks of this plan whose exports this stack cannot read yet: created by the plan, or replaced by it. */
async function changingUpstreams(db: Db, ups: Stack[]): Promise<Stack[]> {
  const out: Stack[] = [];
  for (const u of ups) {
    if (u.status === "deferred" || u.action === "create") out.push(u);
    else if (u.status === "ready" && u.deploymentId && (await exportsChange(db, u.deploymentId))) out.push(u);
  }
  return out;
}

/** Intent first (previewing, with the preview's number), then the deployments' own command, idempotent by client token. */
async function startPreview(run: Run, stack: Stack): Promise<void> {
  const { db, plan, actor } = run;
  const previews = stack.status === "previewing" ? stack.previews : stack.previews + 1;
  if (stack.status !== "previewing") {
    if (!(await moveStack(db, stack.id, plan.id, ["pending", "deferred"], "previewing", { previews, startedAt: undefined }))) return;
    stack.status = "previewing";
  }
  try {
    const deployment = await startChange(db, {
      actor,
      faults: run.faults,
      input: {
        environment: plan.environmentKey, template: stack.template, action: stack.action as "create" | "update" | "delete",
        parameters: stack.parameters as Record<string, string>, clientToken: `plan-${stack.id}-${previews}`,
        note: plan.note ? `Plan ${plan.id}: ${plan.note}` : `Plan ${plan.id}`,
        ...(stack.action === "delete" ? { confirmName: stack.stackName } : {}),
      },
    }, { templateVersionId: stack.templateVersionId ?? undefined });
    await db.planStack.update({ where: { id: stack.id }, data: { deploymentId: deployment.id }, select: { id: true } });
    stack.deploymentId = deployment.id;
    await followPreview(run, stack);
  } catch (error) {
    if (!(error instanceof AppError)) throw error; // unknown outcome: the next pass asks again with the same token
    await moveStack(db, stack.id, plan.id, "previewing", "failed", { reason: error.message });
    stack.status = "failed";
  }
}

/** A previewing stack's deployment: ready (with its changes), no change (nothing left behind), or failed. */
async function followPreview(run: Run, stack: Stack): Promise<void> {
  const { db, plan } = run;
  if (!stack.deploymentId) return startPreview(run, stack); // a crash between the intent and the command
  const d = await db.deployment.findUniqueOrThrow({ where: { id: stack.deploymentId }, select: { status: true, resultReason: true, changes: true, changeSetId: true, costDelta: true } });
  if (d.status === "previewing") return;
  if (d.status === "ready" || d.status === "awaiting_approval") {
    const changes = d.changes as unknown as ResourceChange[];
    const dataStores = changes.filter((c) => c.dataStore && (c.replacement === "True" || c.replacement === "Conditional" || c.action === "Remove")).map((c) => c.logicalId);
    if (await moveStack(db, stack.id, plan.id, "previewing", "ready", { changeSetId: d.changeSetId, changes: changes.length, dataStoreReplacements: dataStores, costDelta: (d.costDelta as object | null) ?? undefined })) {
      stack.status = "ready";
      stack.changeSetId = d.changeSetId;
    }
    return;
  }
  if (d.status === "failed" && d.resultReason === NO_CHANGES) {
    // CloudFormation had nothing to do after all (e.g. the refreshed preview): nothing to apply, nothing failed.
    if (await moveStack(db, stack.id, plan.id, "previewing", "no_change", { note: "No changes: CloudFormation found nothing to do." })) stack.status = "no_change";
    return;
  }
  if (await moveStack(db, stack.id, plan.id, "previewing", "failed", { reason: d.resultReason ?? `The preview ended ${d.status}` })) stack.status = "failed";
}

async function applyingPass(run: Run): Promise<void> {
  const { db, plan } = run;
  const byTemplate = new Map(plan.stacks.map((s) => [s.template, s]));
  for (const stack of plan.stacks) if (stack.status === "applying") await followApply(run, stack);
  for (const stack of plan.stacks) if (stack.status === "previewing") await followPreview(run, stack);
  const stopping = plan.cancelRequested || plan.stacks.some((s) => STOPPED.includes(s.status as PlanStackStatus));
  if (!stopping) {
    // Everything whose upstream is done starts now, side by side: previews first, then up to the concurrency limit.
    const free = plan.stacks.filter((s) => s.dependsOn.map((t) => byTemplate.get(t)).every((u) => !u || DONE.includes(u.status as PlanStackStatus)));
    await Promise.all(free.filter((s) => s.status === "deferred").map((s) => startPreview(run, s)));
    const running = plan.stacks.filter((s) => s.status === "applying").length;
    const next = free.filter((s) => s.status === "ready").slice(0, Math.max(0, plan.concurrency - running));
    await Promise.all(next.map((s) => startApply(run, s)));
  }
  const current = (await loadPlan(db, plan.id))!;
  const stillRunning = current.stacks.some((s) => s.status === "applying" || s.status === "previewing");
  const failed = current.stacks.filter((s) => STOPPED.includes(s.status as PlanStackStatus));
  if (failed.length || current.cancelRequested) {
    if (stillRunning) return; // what runs finishes; nothing new starts
    const what = failed.length ? `${failed.map((s) => `${s.stackName} ${s.status === "rolled_back" ? "rolled back" : "failed"}`).join(", ")}` : "cancelled";
    return void (await stop(run, current, failed.length ? "failed" : "cancelled", failed.length ? `Stopped: ${what}` : "Cancelled while applying"));
  }
  if (current.stacks.every((s) => DONE.includes(s.status as PlanStackStatus))) await finish(db, current, "succeeded", `Applied ${current.stacks.filter((s) => s.status === "succeeded").length} stacks`);
}

async function startApply(run: Run, stack: Stack): Promise<void> {
  const { db, plan } = run;
  if (!(await moveStack(db, stack.id, plan.id, "ready", "applying", { startedAt: new Date() }))) return;
  stack.status = "applying";
  await execute(run, stack);
}

async function execute(run: Run, stack: Stack): Promise<void> {
  const { db, plan, actor } = run;
  try {
    const grant = await planExecutionGrant(db, plan, stack, stack.deploymentId!);
    await startExecution(db, { actor, faults: run.faults, input: { deploymentId: stack.deploymentId! } }, { grant, appliedOnApproval: !!grant });
  } catch (error) {
    if (!(error instanceof AppError) || error.code === "internal") throw error; // not confirmed: the deployment's reconciler knows
    const d = await db.deployment.findUniqueOrThrow({ where: { id: stack.deploymentId! }, select: { status: true } });
    if (d.status !== "ready") return; // it moved on (executing, or ended): followApply reads it next pass
    await discard(run, stack.deploymentId!);
    await moveStack(db, stack.id, plan.id, "applying", "failed", { reason: error.message });
    stack.status = "failed";
  }
}

const OUTCOME: Partial<Record<DeploymentStatus, PlanStackStatus>> = { succeeded: "succeeded", rolled_back: "rolled_back", failed: "failed", cancelled: "failed", rejected: "failed" };

async function followApply(run: Run, stack: Stack): Promise<void> {
  const { db, plan } = run;
  const d = await db.deployment.findUniqueOrThrow({ where: { id: stack.deploymentId! }, select: { status: true, resultReason: true, finishedAt: true } });
  if (d.status === "ready") return execute(run, stack); // the intent was written, the command was not (a crash)
  const outcome = OUTCOME[d.status];
  if (!outcome) return;
  if (await moveStack(db, stack.id, plan.id, "applying", outcome, { finishedAt: d.finishedAt ?? new Date(), ...(outcome !== "succeeded" ? { reason: d.resultReason ?? `It ended ${d.status}` } : {}) })) stack.status = outcome;
}

/** Ends the plan: stacks that never started say so, and their previews are discarded so the stacks are free. */
async function stop(run: Run, plan: Plan, to: "failed" | "cancelled", reason: string): Promise<void> {
  const notStarted = plan.stacks.filter((s) => ["pending", "deferred", "previewing", "ready"].includes(s.status));
  for (const s of notStarted) {
    if (s.deploymentId) await discard(run, s.deploymentId);
    await moveStack(run.db, s.id, plan.id, s.status as PlanStackStatus, to === "cancelled" ? "cancelled" : "not_started", { reason: to === "cancelled" ? "Cancelled before it started" : "Not started: the plan stopped" });
  }
  const ran = plan.stacks.filter((s) => s.status === "succeeded").map((s) => s.stackName);
  const detail = `${reason}. ${ran.length ? `Applied: ${ran.join(", ")}` : "Nothing was applied"}${notStarted.length ? `; not started: ${notStarted.map((s) => s.stackName).join(", ")}` : ""}`;
  await finish(run.db, plan, to, detail);
}

async function finish(db: Db, plan: { id: string; status: string }, to: "succeeded" | "failed" | "cancelled", reason: string): Promise<void> {
  await transitionPlanIfStill(db, plan.id, plan.status as PlanStatus, to, { resultReason: reason, audit: { actor: "system" } });
}

/** A finished plan leaves no preview holding a stack (a rejected or expired plan's change sets are discarded). */
async function cleanUp(db: Db, plan: Plan): Promise<"done"> {
  const open = plan.stacks.filter((s) => ["pending", "deferred", "previewing", "ready"].includes(s.status));
  if (open.length) {
    const actor = await loadActor(db, plan.requestedById);
    for (const s of open) {
      if (s.deploymentId && actor) await discard({ db, plan, actor, faults: NO_FAULTS }, s.deploymentId);
      await moveStack(db, s.id, plan.id, s.status as PlanStackStatus, "cancelled", { reason: `The plan ended ${plan.status}` });
    }
  }
  return "done";
}

async function discard(run: Run, deploymentId: string): Promise<void> {
  await discardPreview(run.db, { actor: run.actor, input: { deploymentId } }).catch((error) => {
    if (!(error instanceof AppError)) throw error; // already moved on: nothing to free
  });
}

function ignoreConflict(error: unknown): void {
  if (!(error instanceof AppError && error.code === "conflict")) throw error;
}
