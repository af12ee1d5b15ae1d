import type { Db, Tx } from "../db/client.ts";
import { assertCan, assertPrincipalCan, type Actor, type Principal } from "../auth/guard.ts";
import { recordAudit, type RequestMeta } from "../audit/record.ts";
import { notFound } from "../errors.ts";
import { parseInput } from "../validation.ts";
import { loadProfile } from "../templates/profiles.ts";
import { approvalPolicySchema, type ApprovalPolicyInput } from "./schema.ts";
import type { ApprovalPolicyView } from "./types.ts";

// The approval policy of an environment: whether changes need approval (environments.requires_approval, which the
// guard reads), how many distinct approvers, how long a request stays valid, and an optional cost rule.

export const DEFAULT_POLICY = { approvers: 1, validityHours: 24, costThresholdUsd: null } as const;

const select = {
  key: true, name: true, requiresApproval: true,
  approvalPolicy: { select: { approvers: true, validityHours: true, costThresholdUsd: true } },
} as const;

type Row = { key: string; name: string; requiresApproval: boolean; approvalPolicy: { approvers: number; validityHours: number; costThresholdUsd: number | null } | null };

function toView(row: Row): ApprovalPolicyView {
  const p = row.approvalPolicy ?? DEFAULT_POLICY;
  return {
    environment: row.key, environmentName: row.name, requiresApproval: row.requiresApproval,
    approvers: p.approvers, validityHours: p.validityHours, costThresholdUsd: p.costThresholdUsd,
  };
}

/** The policy as it is now (defaults when an environment has no row yet). */
export async function getApprovalPolicy(db: Db | Tx, environment: string): Promise<ApprovalPolicyView> {
  const row = await db.environment.findUnique({ where: { key: environment }, select });
  if (!row) throw notFound(`Environment "${environment}"`);
  return toView(row);
}

export async function listApprovalPolicies(db: Db, actor: Actor): Promise<ApprovalPolicyView[]> {
  assertCan(actor, "users:manage");
  const rows = await db.environment.findMany({ select, orderBy: [{ sortOrder: "asc" }, { key: "asc" }] });
  return rows.map(toView);
}

/** Distinct approvers a change needs: the policy's number, one more when it adds more than the cost threshold. */
export function requiredApprovals(policy: Pick<ApprovalPolicyView, "approvers" | "costThresholdUsd">, monthlyDelta: number | null): number {
  const costly = policy.costThresholdUsd !== null && monthlyDelta !== null && monthlyDelta > policy.costThresholdUsd;
  return policy.approvers + (costly ? 1 : 0);
}

export async function updateApprovalPolicy(
  db: Db,
  { actor, input: raw, meta }: { actor: Principal; input: ApprovalPolicyInput; meta?: RequestMeta },
): Promise<ApprovalPolicyView> {
  assertPrincipalCan(actor, "users:manage");
  const input = parseInput(approvalPolicySchema, raw);
  return db.$transaction(async (tx) => {
    const env = await tx.environment.findUnique({ where: { key: input.environment }, select: { id: true } });
    if (!env) throw notFound(`Environment "${input.environment}"`);
    const before = await getApprovalPolicy(tx, input.environment);
    const policy = { approvers: input.approvers, validityHours: input.validityHours, costThresholdUsd: input.costThresholdUsd ?? null };
    const updatedById = actor === "system" ? null : actor.userId;
    await tx.environment.update({ where: { id: env.id }, data: { requiresApproval: input.requiresApproval } });
    await tx.approvalPolicy.upsert({
      where: { environmentId: env.id },
      create: { environmentId: env.id, ...policy, updatedById },
      update: { ...policy, updatedById },
    });
    const after = await getApprovalPolicy(tx, input.environment);
    await recordAudit(tx, {
      actor,
      action: "approval_policy.updated",
      target: { type: "environment", id: input.environment },
      environment: input.environment,
      meta,
      details: { before: strip(before), after: strip(after) },
    });
    return after;
  });
}

const strip = ({ environmentName: _n, environment: _e, ...rest }: ApprovalPolicyView) => rest;

/**
 * Gives every environment without a policy one, seeded from its profile (infra-templates/environments/<env>.yaml
 * says whether it requires approval). Idempotent: policies an admin edited are left alone.
 */
export async function ensureApprovalPolicies(db: Db): Promise<void> {
  const missing = await db.environment.findMany({ where: { approvalPolicy: null }, select: { id: true, key: true } });
  for (const env of missing) {
    const profile = await loadProfile(env.key).catch(() => null);
    await db.$transaction(async (tx) => {
      if (profile) await tx.environment.update({ where: { id: env.id }, data: { requiresApproval: profile.requiresApproval } });
      await tx.approvalPolicy.createMany({ data: [{ environmentId: env.id, ...DEFAULT_POLICY }], skipDuplicates: true });
    });
  }
}
