import type { Db } from "../db/client.ts";
import { notFound } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { detailSelect, toDetail } from "./dto.ts";
import type { DeploymentDetail } from "./types.ts";

/** A deployment with its changes, cost movement and progress. No permission check: callers have made it. */
export async function loadDeploymentDetail(db: Db, id: string): Promise<DeploymentDetail> {
  const row = await db.deployment.findUnique({ where: { id }, select: detailSelect });
  if (!row) throw notFound(`Deployment ${id}`);
  const previous = row.action === "delete" ? null : await previousParameters(db, row.stack.id, row.createdAt);
  return toDetail(row, previous);
}

/** The parameters of the stack's last successful deployment before `before` (what this one changes). */
export async function previousParameters(db: Db, stackId: string, before: Date): Promise<Record<string, string> | null> {
  const prev = await db.deployment.findFirst({
    where: { stackId, status: "succeeded", action: { not: "delete" }, createdAt: { lt: before } },
    orderBy: { createdAt: "desc" },
    select: { parameters: true },
  });
  return (prev?.parameters as Record<string, string> | undefined) ?? null;
}

/** Where a deployment's stack lives: for permission checks before anything else is read. */
export async function deploymentEnvironment(db: Db, id: string) {
  const row = await db.deployment.findUnique({
    where: { id },
    select: { stack: { select: { environment: { select: { id: true, key: true, name: true, requiresApproval: true } } } } },
  });
  if (!row) throw notFound(`Deployment ${id}`);
  return row.stack.environment;
}

export async function getDeployment(db: Db, actor: Actor, id: string): Promise<DeploymentDetail> {
  assertCan(actor, "stack:read", await deploymentEnvironment(db, id));
  return loadDeploymentDetail(db, id);
}
