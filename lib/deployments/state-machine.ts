import type { Db, Tx } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { AppError } from "../errors.ts";
import { recordAudit, type AuditActor, type RequestMeta } from "../audit/record.ts";
import { sentence } from "./context.ts";
import { DEPLOYMENT_CHANNEL } from "../realtime/notify.ts";
import { FINISHED_STATUSES, type DeploymentStatus, type ResourceChange } from "./types.ts";

// The only code that writes deployments.status. Every move is a row of TRANSITIONS (from -> to, what it records,
// the audit entry it writes); transition() locks the row, refuses any other move with a TransitionConflict, and
// writes the change and its audit entry in the caller's transaction. Intent statuses (previewing before
// CreateChangeSet, executing before ExecuteChangeSet / DeleteStack / ContinueUpdateRollback / RollbackStack,
// cancelling before CancelUpdateStack) are committed on their own before the AWS call; the reconciler
// (reconcile.ts) moves on whatever a crash left in one of them.

/** What a transition may record besides the status (each row of the table lists the fields it allows). */
export interface TransitionData {
  resultReason?: string;
  changes?: ResourceChange[];
  resourcesTotal?: number;
  executedById?: string;
  breakGlass?: boolean;
  breakGlassReason?: string | null;
  startedAt?: Date;
}

type Field = keyof TransitionData;

interface Rule {
  /** The audit action written with the move (a caller may name a more precise one, e.g. for a delete). */
  audit: string;
  records: readonly Field[];
}

const FINAL: readonly Field[] = ["resultReason"];
const finished = (audit: string): Rule => ({ audit, records: FINAL });

export const TRANSITIONS: Partial<Record<DeploymentStatus, Partial<Record<DeploymentStatus, Rule>>>> = {
  previewing: {
    ready: { audit: "deployment.preview_ready", records: ["changes", "resourcesTotal"] },
    failed: finished("deployment.failed"), // CloudFormation refused the change set, it timed out, or it never arrived
    cancelled: finished("deployment.discarded"),
  },
  ready: {
    awaiting_approval: { audit: "deployment.approval_requested", records: [] },
    executing: { audit: "deployment.executed", records: ["executedById", "breakGlass", "breakGlassReason"] },
    failed: finished("deployment.failed"), // OBSOLETE change set, expired approval, changed plan
    cancelled: finished("deployment.discarded"),
  },
  awaiting_approval: {
    ready: { audit: "deployment.approved", records: [] },
    rejected: finished("deployment.rejected"),
    executing: { audit: "deployment.executed", records: ["executedById", "breakGlass", "breakGlassReason"] }, // break glass
    failed: finished("deployment.failed"),
    cancelled: finished("deployment.discarded"),
  },
  executing: {
    deploying: { audit: "deployment.started", records: ["startedAt"] },
    // CloudFormation refused the call, or never received it (the reconciler found the change set untouched).
    ready: { audit: "deployment.execution_abandoned", records: [] },
    failed: finished("deployment.failed"),
  },
  // Each way a deployment ends has its own audit action: notifications (lib/notifications/events.ts) are named
  // after them (deployment.succeeded, deployment.failed, deployment.rolled_back).
  deploying: {
    cancelling: { audit: "deployment.cancel_requested", records: [] },
    cancelled: finished("deployment.cancelled"), // cancelled outside Stackdeck (CloudFormation says so in its events)
    succeeded: finished("deployment.succeeded"),
    failed: finished("deployment.failed"),
    rolled_back: finished("deployment.rolled_back"),
  },
  cancelling: {
    deploying: { audit: "deployment.cancel_refused", records: [] }, // CancelUpdateStack was refused: still deploying
    cancelled: finished("deployment.cancelled"),
    succeeded: finished("deployment.succeeded"), // the update completed before the cancel could stop it
    failed: finished("deployment.failed"),
    rolled_back: finished("deployment.rolled_back"),
  },
};

/** The statuses a deployment row may be created in, and the audit entry its creation writes. */
export const INITIAL: Partial<Record<DeploymentStatus, string>> = {
  previewing: "deployment.previewed", // intent: CreateChangeSet follows
  ready: "deployment.delete_requested", // a delete has no change set to compute
  executing: "deployment.recovery_requested", // a recovery (continue rollback, roll back) starts at once
  succeeded: "stack.adopted", // issue 14: an adopted stack's current state, recorded as its first (finished) version
};

export interface AuditSpec {
  actor: AuditActor;
  meta?: RequestMeta;
  /** Overrides the table's audit action (e.g. deployment.delete_executed). */
  action?: string;
  details?: Record<string, unknown>;
}

/** A move the table allows but the row was not in the expected status (someone else moved it first). */
export class TransitionConflict extends AppError {
  constructor(
    readonly deploymentId: string,
    readonly to: DeploymentStatus,
    readonly current: DeploymentStatus | null,
  ) {
    super("conflict", current ? `Deployment ${deploymentId} is ${current} and cannot become ${to}; reload it.` : `Deployment ${deploymentId} was not found.`);
  }
}

function assertAllowed(from: readonly DeploymentStatus[], to: DeploymentStatus, data: TransitionData): void {
  for (const f of from) {
    const rule = TRANSITIONS[f]?.[to];
    // A programming error, not a user's: the table is the contract.
    if (!rule) throw new Error(`deployment state machine: no transition ${f} -> ${to}`);
    const extra = (Object.keys(data) as Field[]).filter((k) => data[k] !== undefined && !rule.records.includes(k));
    if (extra.length) throw new Error(`deployment state machine: ${f} -> ${to} does not record ${extra.join(", ")}`);
  }
  if (FINISHED_STATUSES.includes(to) && !data.resultReason) throw new Error(`deployment state machine: -> ${to} needs a resultReason`);
}

function columns(data: TransitionData): Prisma.DeploymentUpdateInput {
  const { changes, resultReason, ...rest } = data;
  return {
    ...rest,
    ...(changes ? { changes: changes as object[] } : {}),
    ...(resultReason ? { resultReason: sentence(resultReason) } : {}),
  };
}

/**
 * Moves deployment `id` from one of `from` to `to`, recording `data` and the audit entry, inside `tx`. Locks the
 * row first (SELECT ... FOR UPDATE), so concurrent moves are serialised and exactly one of them wins; the others
 * get a TransitionConflict naming the status they found. Returns the status it came from.
 */
export async function transition(
  tx: Tx,
  id: string,
  from: DeploymentStatus | readonly DeploymentStatus[],
  to: DeploymentStatus,
  { audit, ...data }: TransitionData & { audit: AuditSpec },
): Promise<DeploymentStatus> {
  const froms = typeof from === "string" ? [from] : from;
  assertAllowed(froms, to, data);
  const [row] = await tx.$queryRaw<{ status: DeploymentStatus }[]>`SELECT status::text AS status FROM deployments WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row || !froms.includes(row.status)) throw new TransitionConflict(id, to, row?.status ?? null);
  const now = new Date();
  const updated = await tx.deployment.update({
    where: { id },
    data: { ...columns(data), status: to, heartbeatAt: now, ...(FINISHED_STATUSES.includes(to) ? { finishedAt: now } : {}) },
    select: { resultReason: true, stack: { select: { name: true, environment: { select: { key: true } } } } },
  });
  await recordAudit(tx, {
    actor: audit.actor,
    action: audit.action ?? TRANSITIONS[row.status]![to]!.audit,
    target: { type: "stack", id: updated.stack.name },
    environment: updated.stack.environment.key,
    meta: audit.meta,
    details: { deploymentId: id, from: row.status, status: to, ...(updated.resultReason ? { reason: updated.resultReason } : {}), ...audit.details },
  });
  // Viewers' streams re-read the deployment when this commits (NOTIFY is delivered at commit, never on rollback).
  await tx.$executeRaw`SELECT pg_notify(${DEPLOYMENT_CHANNEL}, ${id})`;
  return row.status;
}

/** transition() in a transaction of its own: for moves that write nothing else (intents commit before AWS calls). */
export function commitTransition(db: Db, ...args: Parameters<typeof transition> extends [Tx, ...infer R] ? R : never): Promise<DeploymentStatus> {
  return db.$transaction((tx) => transition(tx, ...args));
}

/** Like transition(), but false instead of a conflict when the row already moved on (idempotent system moves). */
export async function transitionIfStill(db: Db, ...args: Parameters<typeof transition> extends [Tx, ...infer R] ? R : never): Promise<boolean> {
  try {
    await commitTransition(db, ...args);
    return true;
  } catch (error) {
    if (error instanceof TransitionConflict) return false;
    throw error;
  }
}

export type NewDeployment = Omit<Prisma.DeploymentUncheckedCreateInput, "status" | "heartbeatAt" | "finishedAt">;

/** Creates a deployment in one of its INITIAL statuses, with that creation's audit entry, inside `tx`. */
export async function insertDeployment(
  tx: Tx,
  status: DeploymentStatus,
  data: NewDeployment,
  audit: AuditSpec & { target: string; environment: string },
): Promise<string> {
  const action = audit.action ?? INITIAL[status];
  if (!INITIAL[status] || !action) throw new Error(`deployment state machine: a deployment cannot start ${status}`);
  const finished = status === "succeeded" ? { finishedAt: new Date() } : {}; // an adoption starts finished
  const row = await tx.deployment.create({ data: { ...data, status, heartbeatAt: new Date(), ...finished }, select: { id: true } });
  await recordAudit(tx, {
    actor: audit.actor,
    action,
    target: { type: "stack", id: audit.target },
    environment: audit.environment,
    meta: audit.meta,
    details: { deploymentId: row.id, status, ...audit.details },
  });
  return row.id;
}

/**
 * The tracker's lease on a deployment it follows: a fresh heartbeat tells the reconciler to leave it alone.
 * Written at most every five seconds; it changes no status.
 */
export async function heartbeat(db: Db, id: string): Promise<void> {
  await db.$executeRaw`
    UPDATE deployments SET heartbeat_at = now()
    WHERE id = ${id}::uuid AND (heartbeat_at IS NULL OR heartbeat_at < now() - interval '5 seconds')`;
}

/** The system ends a deployment as failed with one sentence saying why, if it is still in one of `from`. */
export function failIfStill(db: Db, id: string, from: readonly DeploymentStatus[], reason: string, details?: Record<string, unknown>): Promise<boolean> {
  return transitionIfStill(db, id, from, "failed", { resultReason: reason, audit: { actor: "system", details } });
}
