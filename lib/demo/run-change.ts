import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { AppError } from "../errors.ts";
import { startChange, startExecution } from "../deployments/start.ts";
import { getDeployment } from "../deployments/queries.ts";
import type { DeploymentDetail } from "../deployments/types.ts";
import { requestApproval } from "../approvals/request-approval.ts";
import { approveDeployment } from "../approvals/decide.ts";
import { getApprovalForDeployment } from "../approvals/queries.ts";
import { tokenOf, type DemoChange, type DemoUser } from "./story.ts";

// One change of the story, done the way a person does it in the console: preview, wait for the tracker to have
// the change set ready, deploy (or send it for approval, and approve it as an approver), wait for the tracker to
// see CloudFormation finish. Every step is idempotent, so a seed restarted halfway picks the change up where it is.

export interface DemoContext {
  db: Db;
  actors: Record<DemoUser, Actor>;
  /** Aborted when npm run dev stops. */
  signal: AbortSignal;
}

const META = { userAgent: "stackdeck demo seed" };
const POLL_MS = 250;
const STEP_TIMEOUT_MS = 5 * 60_000;
/** Statuses a person would wait out; any other (including ones added later) ends the wait. */
const MOVING = new Set(["previewing", "deploying", "executing"]);

export async function runChange(ctx: DemoContext, change: DemoChange): Promise<DeploymentDetail> {
  if (ctx.signal.aborted) throw new Error("stopped");
  const requester = ctx.actors[change.by];
  const started = await startChange(ctx.db, {
    actor: requester,
    meta: META,
    input: {
      environment: change.environment,
      template: change.template,
      action: change.action,
      parameters: change.parameters ?? {},
      rollbackTo: change.rollbackTo ? await deploymentIdOf(ctx.db, change.rollbackTo) : undefined,
      clientToken: tokenOf(change.key),
      note: change.note,
    },
  });
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const d = await getDeployment(ctx.db, ctx.actors.admin, started.id);
    if (MOVING.has(d.status)) await pause(ctx, deadline, change);
    else if (d.status === "ready") await unlessMovedMeanwhile(ctx, d, () => deployReady(ctx, change, d.id));
    else if (d.status === "awaiting_approval" && change.approval?.decision === "approve") await unlessMovedMeanwhile(ctx, d, () => approve(ctx, change, d.id));
    else return expectOutcome(change, d);
  }
}

async function deployReady(ctx: DemoContext, change: DemoChange, id: string): Promise<void> {
  if (change.approval) {
    const approval = await getApprovalForDeployment(ctx.db, ctx.actors.admin, id);
    if (!approval) {
      await requestApproval(ctx.db, { actor: ctx.actors[change.by], meta: META, input: { deploymentId: id, reason: change.approval.reason } });
      return;
    }
    if (approval.status !== "approved") throw new Error(`demo change ${change.key}: its approval is ${approval.status}`);
  }
  await startExecution(ctx.db, { actor: ctx.actors[change.by], meta: META, input: { deploymentId: id } });
}

/** The approver says yes; when the policy wants a second approver (cost threshold), the admin adds theirs. */
async function approve(ctx: DemoContext, change: DemoChange, id: string): Promise<void> {
  const approval = await getApprovalForDeployment(ctx.db, ctx.actors.admin, id);
  const decided = new Set(approval?.decisions.map((d) => d.by));
  const next = [ctx.actors.approver, ctx.actors.admin].find((a) => !decided.has(a.email) && a.userId !== ctx.actors[change.by].userId);
  if (!next) throw new Error(`demo change ${change.key} needs more approvers than the demo has`);
  const comment = change.approval?.comment ?? "Approved.";
  await approveDeployment(ctx.db, { actor: next, meta: META, input: { deploymentId: id, comment } });
}

function expectOutcome(change: DemoChange, d: DeploymentDetail): DeploymentDetail {
  if (d.status !== change.expect) {
    throw new Error(`demo change ${change.key} ended ${d.status}${d.resultReason ? `: ${d.resultReason}` : ""} (expected ${change.expect})`);
  }
  return d;
}

async function deploymentIdOf(db: Db, key: string): Promise<string> {
  const row = await db.deployment.findUnique({ where: { clientToken: tokenOf(key) }, select: { id: true } });
  if (!row) throw new Error(`demo change ${key} has not run yet`);
  return row.id;
}

/** A conflict because someone (a person in the console) moved the deployment first means: look again. */
async function unlessMovedMeanwhile(ctx: DemoContext, before: DeploymentDetail, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof AppError && error.code === "conflict")) throw error;
    const now = await getDeployment(ctx.db, ctx.actors.admin, before.id);
    if (now.status === before.status) throw error;
  }
}

async function pause(ctx: DemoContext, deadline: number, change: DemoChange): Promise<void> {
  if (ctx.signal.aborted) throw new Error("stopped");
  if (Date.now() > deadline) throw new Error(`demo change ${change.key} did not finish within ${STEP_TIMEOUT_MS / 60_000} minutes`);
  await new Promise((r) => setTimeout(r, POLL_MS));
}
