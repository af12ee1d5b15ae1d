import type { Db } from "../db/client.ts";
import { assertCan, can, type Actor } from "../auth/guard.ts";
import { listEnvironments } from "../environments/queries.ts";
import { deploymentEnvironment, getDeployment } from "../deployments/deployment-detail.ts";
import type { CostDelta } from "../deployments/types.ts";
import type { ApprovalQueueItem, ApprovalView, DeploymentWithApproval } from "./types.ts";

// What the pages show: the request of one deployment, the queue of requests a user may decide, and the history.

const HISTORY_LIMIT = 50;

export async function getApprovalForDeployment(db: Db, actor: Actor, deploymentId: string, now = new Date()): Promise<ApprovalView | null> {
  assertCan(actor, "stack:read", await deploymentEnvironment(db, deploymentId));
  const r = await db.approvalRequest.findUnique({
    where: { deploymentId },
    select: {
      id: true, status: true, reason: true, createdAt: true, expiresAt: true, approvalsRequired: true,
      requestedBy: { select: { email: true } },
      decisions: { orderBy: { createdAt: "asc" }, select: { approved: true, comment: true, createdAt: true, user: { select: { email: true } } } },
    },
  });
  if (!r) return null;
  return {
    id: r.id, deploymentId, status: r.status, requestedBy: r.requestedBy.email, reason: r.reason,
    createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(), expired: r.expiresAt <= now,
    approvalsRequired: r.approvalsRequired, approvals: r.decisions.filter((d) => d.approved).length,
    decisions: r.decisions.map((d) => ({ by: d.user.email, approved: d.approved, comment: d.comment, at: d.createdAt.toISOString() })),
  };
}

/**
 * A deployment as scripts need it (GET /api/v1/deployments/{id}): its detail, whether its environment needs
 * approval, and the approval request with every decision and comment (a pipeline prints why it was rejected).
 */
export async function getDeploymentWithApproval(db: Db, actor: Actor, deploymentId: string): Promise<DeploymentWithApproval> {
  const detail = await getDeployment(db, actor, deploymentId); // checks access first
  const [environment, approval] = await Promise.all([deploymentEnvironment(db, deploymentId), getApprovalForDeployment(db, actor, deploymentId)]);
  return { ...detail, requiresApproval: environment.requiresApproval, approval };
}

async function environmentsWhere(db: Db, actor: Actor, action: "change:approve" | "stack:read"): Promise<string[]> {
  return (await listEnvironments(db)).filter((env) => can(actor, action, env)).map((env) => env.key);
}

/** Pending, unexpired requests this actor may decide: approver here, not the requester, not decided yet. */
async function pendingWhere(db: Db, actor: Actor, now: Date) {
  const environments = await environmentsWhere(db, actor, "change:approve");
  return {
    status: "pending" as const,
    expiresAt: { gt: now },
    requestedById: { not: actor.userId },
    decisions: { none: { userId: actor.userId } },
    deployment: { status: "awaiting_approval" as const, requestedById: { not: actor.userId }, stack: { environment: { key: { in: environments } } } },
  };
}

/** The navigation badge: server-computed with the same rules the approve command enforces. */
export async function countPendingApprovals(db: Db, actor: Actor, now = new Date()): Promise<number> {
  return db.approvalRequest.count({ where: await pendingWhere(db, actor, now) });
}

const queueSelect = {
  deploymentId: true, status: true, reason: true, createdAt: true, expiresAt: true, decidedAt: true, approvalsRequired: true,
  requestedBy: { select: { email: true } },
  decisions: { select: { approved: true } },
  deployment: { select: { action: true, costDelta: true, stack: { select: { name: true, environment: { select: { key: true } } } } } },
} as const;

type QueueRow = {
  deploymentId: string; status: ApprovalQueueItem["status"]; reason: string; createdAt: Date; expiresAt: Date; decidedAt: Date | null;
  approvalsRequired: number; requestedBy: { email: string }; decisions: { approved: boolean }[];
  deployment: { action: string; costDelta: unknown; stack: { name: string; environment: { key: string } } };
};

function toItem(r: QueueRow): ApprovalQueueItem {
  return {
    deploymentId: r.deploymentId, stackName: r.deployment.stack.name, environment: r.deployment.stack.environment.key,
    action: r.deployment.action, status: r.status, requestedBy: r.requestedBy.email, reason: r.reason,
    createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null,
    approvals: r.decisions.filter((d) => d.approved).length, approvalsRequired: r.approvalsRequired,
    monthlyDelta: (r.deployment.costDelta as CostDelta | null)?.monthlyDelta ?? null,
  };
}

export async function listPendingApprovals(db: Db, actor: Actor, now = new Date()): Promise<ApprovalQueueItem[]> {
  const rows = await db.approvalRequest.findMany({ where: await pendingWhere(db, actor, now), select: queueSelect, orderBy: { createdAt: "asc" }, take: 200 });
  return rows.map(toItem);
}

/** Decided requests in the environments the actor may see, newest first. */
export async function listDecidedApprovals(db: Db, actor: Actor): Promise<ApprovalQueueItem[]> {
  const environments = await environmentsWhere(db, actor, "stack:read");
  const rows = await db.approvalRequest.findMany({
    where: { status: { in: ["approved", "rejected"] }, deployment: { stack: { environment: { key: { in: environments } } } } },
    select: queueSelect,
    orderBy: { decidedAt: "desc" },
    take: HISTORY_LIMIT,
  });
  return rows.map(toItem);
}
