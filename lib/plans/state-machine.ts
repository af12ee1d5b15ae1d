import type { Db, Tx } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { AppError } from "../errors.ts";
import { recordAudit, type AuditActor, type RequestMeta } from "../audit/record.ts";
import { sentence } from "../deployments/context.ts";
import { DEPLOYMENT_CHANNEL } from "../realtime/notify.ts";
import { FINISHED_PLAN_STATUSES, type PlanStackStatus, type PlanStatus } from "./types.ts";

// The only code that writes plans.status and plan_stacks.status. Every move is a row of a transition table; a move
// is a conditional UPDATE (WHERE status IN from), so of two concurrent movers exactly one wins and the other gets a
// PlanConflict naming what it found. Plan moves write their audit entry in the same transaction. Viewers hear of
// every move on the deployment channel with the plan's id (lib/realtime's one LISTEN connection per process).

const PLAN_TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
  planning: ["ready", "awaiting_approval", "applying", "succeeded", "failed", "cancelled"], // succeeded: nothing to change
  awaiting_approval: ["ready", "applying", "rejected", "failed", "cancelled"],
  ready: ["applying", "failed", "cancelled"],
  applying: ["succeeded", "failed", "cancelled"],
  succeeded: [],
  failed: [],
  cancelled: [],
  rejected: [],
};

const STACK_TRANSITIONS: Record<PlanStackStatus, readonly PlanStackStatus[]> = {
  pending: ["previewing", "deferred", "ready", "no_change", "not_started", "cancelled"],
  deferred: ["previewing", "not_started", "cancelled"],
  previewing: ["ready", "no_change", "failed", "not_started", "cancelled"],
  ready: ["applying", "failed", "not_started", "cancelled"],
  applying: ["succeeded", "failed", "rolled_back", "cancelled"],
  no_change: [],
  succeeded: [],
  failed: [],
  rolled_back: [],
  not_started: [],
  cancelled: [],
};

const AUDIT: Partial<Record<PlanStatus, string>> = {
  ready: "plan.ready",
  awaiting_approval: "plan.approval_requested",
  applying: "plan.applying",
  succeeded: "plan.succeeded",
  failed: "plan.failed",
  cancelled: "plan.cancelled",
  rejected: "plan.rejected",
};

export class PlanConflict extends AppError {
  constructor(readonly planId: string, readonly to: string, readonly current: string | null) {
    super("conflict", current ? `Plan ${planId} is ${current} and cannot become ${to}; reload it.` : `Plan ${planId} was not found.`);
  }
}

export interface PlanMove {
  resultReason?: string;
  costDelta?: object;
  digest?: string;
  approvalsRequired?: number;
  approvalExpiresAt?: Date;
  approvedAt?: Date;
  startedAt?: Date;
  audit: { actor: AuditActor; meta?: RequestMeta; action?: string; details?: Record<string, unknown> };
}

function assertAllowed<S extends string>(table: Record<S, readonly S[]>, what: string, from: readonly S[], to: S): void {
  for (const f of from) if (!table[f].includes(to)) throw new Error(`${what} state machine: no transition ${f} -> ${to}`);
}

/** Moves plan `id` from one of `from` to `to` with its audit entry, inside `tx`. */
export async function transitionPlan(tx: Tx, id: string, from: PlanStatus | readonly PlanStatus[], to: PlanStatus, move: PlanMove): Promise<void> {
  const froms = typeof from === "string" ? [from] : from;
  assertAllowed(PLAN_TRANSITIONS, "plan", froms, to);
  if (FINISHED_PLAN_STATUSES.includes(to) && !move.resultReason) throw new Error(`plan state machine: -> ${to} needs a resultReason`);
  const { audit, resultReason, ...data } = move;
  const now = new Date();
  const { count } = await tx.plan.updateMany({
    where: { id, status: { in: [...froms] } },
    data: {
      ...data,
      status: to,
      heartbeatAt: now,
      ...(resultReason ? { resultReason: sentence(resultReason) } : {}),
      ...(FINISHED_PLAN_STATUSES.includes(to) ? { finishedAt: now } : {}),
    } as Prisma.PlanUpdateManyMutationInput,
  });
  const row = await tx.plan.findUnique({ where: { id }, select: { status: true, environmentKey: true } });
  if (!count) throw new PlanConflict(id, to, row?.status ?? null);
  await recordAudit(tx, {
    actor: audit.actor,
    action: audit.action ?? AUDIT[to] ?? `plan.${to}`,
    target: { type: "plan", id },
    environment: row!.environmentKey,
    meta: audit.meta,
    details: { planId: id, from: froms.length === 1 ? froms[0] : froms, status: to, ...(resultReason ? { reason: sentence(resultReason) } : {}), ...audit.details },
  });
  await tx.$executeRaw`SELECT pg_notify(${DEPLOYMENT_CHANNEL}, ${id})`;
}

/** transitionPlan in its own transaction; false (not a conflict) when the plan already moved on. */
export async function transitionPlanIfStill(db: Db, id: string, from: PlanStatus | readonly PlanStatus[], to: PlanStatus, move: PlanMove): Promise<boolean> {
  try {
    await db.$transaction((tx) => transitionPlan(tx, id, from, to, move));
    return true;
  } catch (error) {
    if (error instanceof PlanConflict) return false;
    throw error;
  }
}

export interface StackMove {
  deploymentId?: string | null;
  previews?: number;
  changeSetId?: string | null;
  changes?: number;
  dataStoreReplacements?: string[];
  costDelta?: object | null;
  templateVersionId?: string | null;
  parametersHash?: string | null;
  note?: string | null;
  reason?: string | null;
  startedAt?: Date;
  finishedAt?: Date;
}

const FINISHED_STACK: readonly PlanStackStatus[] = ["no_change", "succeeded", "failed", "rolled_back", "not_started", "cancelled"];

/** Moves one plan stack; false when it is no longer in `from` (another pass moved it first). */
export async function moveStack(db: Db | Tx, planStackId: string, planId: string, from: PlanStackStatus | readonly PlanStackStatus[], to: PlanStackStatus, data: StackMove = {}): Promise<boolean> {
  const froms = typeof from === "string" ? [from] : from;
  assertAllowed(STACK_TRANSITIONS, "plan stack", froms, to);
  const { costDelta, reason, ...rest } = data;
  const { count } = await db.planStack.updateMany({
    where: { id: planStackId, status: { in: [...froms] } },
    data: {
      ...rest,
      status: to,
      ...(costDelta !== undefined ? { costDelta: costDelta ?? undefined } : {}),
      ...(reason ? { reason: sentence(reason) } : {}),
      ...(FINISHED_STACK.includes(to) && !data.finishedAt ? { finishedAt: new Date() } : {}),
    } as Prisma.PlanStackUpdateManyMutationInput,
  });
  if (count) await db.$executeRaw`SELECT pg_notify(${DEPLOYMENT_CHANNEL}, ${planId})`;
  return count > 0;
}

/** The plan runner's lease: a fresh heartbeat tells the sweep that a job is moving it. */
export async function planHeartbeat(db: Db, id: string): Promise<void> {
  await db.$executeRaw`UPDATE plans SET heartbeat_at = now() WHERE id = ${id}::uuid AND (heartbeat_at IS NULL OR heartbeat_at < now() - interval '5 seconds')`;
}
