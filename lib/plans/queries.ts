import type { Db } from "../db/client.ts";
import { notFound } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { getEnvironmentByKey } from "../environments/queries.ts";
import { parseInput } from "../validation.ts";
import { listPlansSchema } from "./schema.ts";
import { planProgress } from "./progress.ts";
import type { ParameterDifference, PlanAction, PlanDto, PlanStackAction, PlanStackDto, PlanStackStatus, PlanStatus, PlanSummary } from "./types.ts";

// Plans as the pages, the API and the CLI read them: plain DTOs, one bounded query each.

const DEFAULT_SECONDS = 60;
const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function getPlan(db: Db, actor: Actor, planId: string): Promise<PlanDto> {
  const plan = await db.plan.findUnique({
    where: { id: planId },
    select: {
      id: true, environmentKey: true, action: true, fromEnvironment: true, status: true, execute: true, note: true, requestedById: true,
      createdAt: true, startedAt: true, finishedAt: true, resultReason: true, costDelta: true, approvalsRequired: true, approvalExpiresAt: true, approvedAt: true,
      stacks: { orderBy: { position: "asc" } },
      decisions: { orderBy: { createdAt: "asc" }, select: { email: true, approved: true, comment: true, createdAt: true } },
    },
  });
  if (!plan) throw notFound(`Plan ${planId}`);
  const environment = await getEnvironmentByKey(db, plan.environmentKey);
  assertCan(actor, "stack:read", environment);
  const requester = await db.user.findUnique({ where: { id: plan.requestedById }, select: { email: true } });
  const expected = await expectedSeconds(db, plan.stacks.map((s) => ({ template: s.template, action: s.action })));
  const stacks: PlanStackDto[] = plan.stacks.map((s) => ({
    name: s.stackName, template: s.template, action: s.action as PlanStackAction, status: s.status as PlanStackStatus, deploymentId: s.deploymentId,
    startedAt: iso(s.startedAt), finishedAt: iso(s.finishedAt), dependsOn: s.dependsOn as string[], changes: s.changes, dataStoreReplacements: s.dataStoreReplacements as string[],
    monthlyDelta: (s.costDelta as { monthlyDelta?: number } | null)?.monthlyDelta ?? null, note: s.note, reason: s.reason,
    differences: s.differences as unknown as ParameterDifference[], expectedSeconds: expected.get(`${s.template}:${s.action}`) ?? DEFAULT_SECONDS,
  }));
  return {
    id: plan.id, environment: plan.environmentKey, action: plan.action as PlanAction, from: plan.fromEnvironment, status: plan.status as PlanStatus,
    execute: plan.execute, note: plan.note, requestedBy: requester?.email ?? "", createdAt: plan.createdAt.toISOString(), startedAt: iso(plan.startedAt),
    finishedAt: iso(plan.finishedAt), resultReason: plan.resultReason, costDelta: plan.costDelta as PlanDto["costDelta"], stacks,
    approval: {
      required: environment.requiresApproval, approvalsRequired: plan.approvalsRequired, expiresAt: iso(plan.approvalExpiresAt), approvedAt: iso(plan.approvedAt),
      decisions: plan.decisions.map((d) => ({ by: d.email, approved: d.approved, comment: d.comment, at: d.createdAt.toISOString() })),
    },
    progress: planProgress(stacks, new Date()),
  };
}

export async function listPlans(db: Db, actor: Actor, raw: { environment?: string; limit?: number | string }): Promise<{ items: PlanSummary[] }> {
  const query = parseInput(listPlansSchema, raw);
  assertCan(actor, "stack:read", await getEnvironmentByKey(db, query.environment));
  const rows = await db.plan.findMany({
    where: { environmentKey: query.environment },
    orderBy: { createdAt: "desc" },
    take: query.limit,
    select: { id: true, environmentKey: true, action: true, status: true, requestedById: true, createdAt: true, _count: { select: { stacks: true } } },
  });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.requestedById))] } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return {
    items: rows.map((r) => ({
      id: r.id, environment: r.environmentKey, action: r.action as PlanAction, status: r.status as PlanStatus, requestedBy: email.get(r.requestedById) ?? "",
      createdAt: r.createdAt.toISOString(), stacks: r._count.stacks,
    })),
  };
}

/** The usual duration of each (template, action): the median of its last successful deployments anywhere. */
async function expectedSeconds(db: Db, keys: { template: string; action: string }[]): Promise<Map<string, number>> {
  const templates = [...new Set(keys.map((k) => k.template))];
  if (!templates.length) return new Map();
  const rows = await db.$queryRaw<{ template: string; action: string; seconds: number }[]>`
    SELECT template, action, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds)::float8 AS seconds FROM (
      SELECT s.template_name AS template, d.action::text AS action, extract(epoch FROM d.finished_at - d.started_at) AS seconds,
             row_number() OVER (PARTITION BY s.template_name, d.action ORDER BY d.created_at DESC) AS n
      FROM deployments d JOIN stacks s ON s.id = d.stack_id
      WHERE s.template_name = ANY(${templates}) AND d.status = 'succeeded' AND d.started_at IS NOT NULL AND d.finished_at IS NOT NULL
    ) recent WHERE n <= 10 GROUP BY template, action`;
  return new Map(rows.map((r) => [`${r.template}:${r.action}`, Math.max(1, Math.round(r.seconds))]));
}
