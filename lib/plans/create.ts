import type { Db } from "../db/client.ts";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import type { RequestMeta } from "../audit/record.ts";
import { recordAudit } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import { getEnvironmentByKey, type EnvironmentSummary } from "../environments/queries.ts";
import { stackNameFor } from "../templates/estimate.ts";
import { catalogDependencies } from "../deployments/upstream.ts";
import { costDelta, planTemplateChange, type ChangePlan } from "../deployments/change-plan.ts";
import { planParametersHash } from "../deployments/request-change.ts";
import { NO_ECHO_MASK, uniqueViolation } from "../deployments/context.ts";
import { buildGraph } from "./graph.ts";
import { keptValues, parameterDifferences, promotedStacks, type PromotedStack } from "./promote.ts";
import { createPlanSchema, type CreatePlan, type CreatePlanInput } from "./schema.ts";
import type { ParameterDifference, PlanStackAction } from "./types.ts";

// "Plan the platform": what every stack of the environment would get, in dependency order. Parameters are checked
// for every stack up front (one refusal naming each template's fields), so a plan never stops halfway on a value
// the user could have typed at the start. Change sets are created by the plan runner (advance.ts), each through
// the deployments' own requestChange, so every stack keeps its own deployment record, history and rollback.

export const DEFAULT_CONCURRENCY = 3;

interface StackRow {
  id: string;
  status: string | null;
}

interface PlannedStack {
  template: string;
  stackName: string;
  action: PlanStackAction;
  dependsOn: string[];
  templateVersionId: string | null;
  parametersHash: string | null;
  parameters: Record<string, string>;
  costDelta: object | null;
  differences: ParameterDifference[];
  note: string | null;
}

export async function createPlan(db: Db, { actor, input: raw, meta }: { actor: Actor; input: CreatePlanInput; meta?: RequestMeta }): Promise<string> {
  const input = parseInput(createPlanSchema, raw);
  const environment = await getEnvironmentByKey(db, input.environment);
  assertCan(actor, "change:preview", environment);
  if (input.from) assertCan(actor, "stack:read", await getEnvironmentByKey(db, input.from));

  const graph = buildGraph(await catalogDependencies(db, environment.key, stringParameters(input.parameters)));
  const rows = await db.stack.findMany({
    where: { environmentId: environment.id, deletedAt: null, name: { in: graph.order.map((t) => stackNameFor(environment.key, t)) } },
    select: { id: true, name: true, status: true },
  });
  const stacks = new Map(rows.map((r) => [r.name, r]));
  // The previews read the environment's account, as the person planning.
  const planned = await withEnvironmentTarget(db, environment.key, actor, () => input.action === "destroy"
    ? destroyPlan(db, graph, environment, stacks)
    : applyPlan(db, actor, input, environment, graph, stacks));
  if (!planned.length) throw new AppError("conflict", input.action === "destroy" ? `${environment.key} has no stacks to delete.` : `There is nothing to plan in ${environment.key}.`);

  const total = planned.reduce((sum, s) => sum + ((s.costDelta as { monthlyDelta?: number } | null)?.monthlyDelta ?? 0), 0);
  const before = planned.reduce((sum, s) => sum + ((s.costDelta as { before?: number } | null)?.before ?? 0), 0);
  const after = planned.reduce((sum, s) => sum + ((s.costDelta as { after?: number } | null)?.after ?? 0), 0);
  try {
    return await db.$transaction(async (tx) => {
      const plan = await tx.plan.create({
        data: {
          environmentId: environment.id, environmentKey: environment.key, action: input.action, fromEnvironment: input.from ?? null,
          status: "planning", execute: input.execute, note: input.note ?? null, concurrency: concurrencyFromEnv(),
          parameters: stringParameters(input.parameters), costDelta: { currency: "USD", monthlyDelta: round(total), before: round(before), after: round(after) },
          requestedById: actor.userId, requestedByTokenId: actor.tokenId ?? null, heartbeatAt: new Date(),
        },
        select: { id: true },
      });
      await tx.planStack.createMany({
        data: planned.map((s, position) => ({
          planId: plan.id, template: s.template, stackName: s.stackName, action: s.action, position, dependsOn: s.dependsOn,
          status: s.action === "none" ? "no_change" : "pending", templateVersionId: s.templateVersionId, parametersHash: s.parametersHash,
          parameters: s.parameters, costDelta: s.costDelta ?? undefined, differences: s.differences as object[], note: s.note,
          dataStoreReplacements: [], finishedAt: s.action === "none" ? new Date() : null,
        })),
      });
      await recordAudit(tx, {
        actor, action: "plan.created", target: { type: "plan", id: plan.id }, environment: environment.key, meta,
        details: { planId: plan.id, action: input.action, from: input.from ?? null, execute: input.execute, stacks: planned.map((s) => `${s.template}:${s.action}`), monthlyDelta: round(total) },
      });
      return plan.id;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError("conflict", `${environment.key} already has a plan in progress; finish or cancel it first.`);
    throw error;
  }
}

async function applyPlan(db: Db, actor: Actor, input: CreatePlan, environment: EnvironmentSummary, graph: ReturnType<typeof buildGraph>, stacks: Map<string, StackRow & { name: string }>): Promise<PlannedStack[]> {
  const promoted = input.from ? await promotedStacks(db, input.from, environment.key, graph.order) : null;
  if (promoted && !promoted.size) throw new AppError("conflict", `${input.from} has no deployed stacks to promote.`);
  const templates = promoted ? graph.order.filter((t) => promoted.has(t)) : graph.order;
  const fields: Record<string, string[]> = {};
  const out: PlannedStack[] = [];
  for (const template of templates) {
    const stackName = stackNameFor(environment.key, template);
    const row = stacks.get(stackName);
    const exists = !!row?.status && row.status !== "REVIEW_IN_PROGRESS" && row.status !== "DELETE_COMPLETE";
    const source: PromotedStack | undefined = promoted?.get(template);
    // An update keeps what its users chose before (a plan is not a reset to the profile); a promotion brings the source's.
    const kept = source ? source.carried : exists ? await keptValues(db, environment.key, template, row!.id) : {};
    const overrides = { ...kept, ...(stringParameters(input.parameters)[template] ?? {}) };
    let plan: ChangePlan;
    try {
      plan = await planTemplateChange(db, { actor, environment, template, stackId: row?.id ?? null, overrides, stackExists: exists, templateVersionId: source?.templateVersionId });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "validation_failed") throw error;
      for (const [name, messages] of Object.entries(error.fieldErrors ?? { [template]: [error.message] })) fields[`${template}.${name}`] = messages;
      continue;
    }
    const hash = planParametersHash(plan);
    const typedSecret = Object.keys(stringParameters(input.parameters)[template] ?? {}).some((k) => plan.parameters[k] === NO_ECHO_MASK);
    const unchanged = exists && !typedSecret && isSettled(row!.status!) && (await matchesLastDeployment(db, row!.id, plan));
    out.push({
      template, stackName, action: unchanged ? "none" : exists ? "update" : "create",
      dependsOn: graph.needs.get(template)!.filter((t) => templates.includes(t)),
      templateVersionId: plan.templateVersionId, parametersHash: hash, parameters: overrides, costDelta: plan.costDelta,
      differences: source ? [
        ...(source.templateSha256 !== plan.templateSha256 ? [{ name: "template version", from: source.templateSha256.slice(0, 12), to: plan.templateSha256.slice(0, 12) }] : []),
        ...parameterDifferences(source.sourceParameters, plan.parameters),
      ] : [],
      note: unchanged ? "Already deployed with this template version and these parameters." : null,
    });
  }
  if (Object.keys(fields).length) throw new AppError("validation_failed", "Some stacks' parameter values are missing or not allowed.", fields);
  return out;
}

/** Delete every stack that exists, each only after the stacks that import from it are gone. */
async function destroyPlan(db: Db, graph: ReturnType<typeof buildGraph>, environment: EnvironmentSummary, stacks: Map<string, StackRow>): Promise<PlannedStack[]> {
  const present = graph.order.filter((t) => stacks.has(stackNameFor(environment.key, t)));
  return Promise.all([...present].reverse().map(async (template) => ({
    template, stackName: stackNameFor(environment.key, template), action: "delete" as const,
    dependsOn: present.filter((other) => graph.needs.get(other)!.includes(template)),
    templateVersionId: null, parametersHash: null, parameters: {}, differences: [], note: null,
    costDelta: await costDelta(db, stacks.get(stackNameFor(environment.key, template))!.id, template, environment.key, null),
  })));
}

/**
 * Whether the stack's last applied change used this template version and these values: then the plan has nothing
 * to do for it and creates no deployment (an empty change set would only leave a failed preview behind). Values
 * are compared as stored (NoEcho masked): a secret kept with UsePreviousValue is unchanged, a typed one is not.
 */
async function matchesLastDeployment(db: Db, stackId: string, plan: ChangePlan): Promise<boolean> {
  const last = await db.deployment.findFirst({
    where: { stackId, status: { in: ["succeeded", "failed", "rolled_back", "cancelled"] }, startedAt: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { status: true, action: true, templateVersionId: true, parameters: true },
  });
  if (last?.status !== "succeeded" || last.action === "delete" || last.templateVersionId !== plan.templateVersionId) return false;
  const sorted = (p: Record<string, string>) => JSON.stringify(Object.entries(p).sort(([a], [b]) => a.localeCompare(b)));
  return sorted(last.parameters as Record<string, string>) === sorted(plan.parameters);
}

const isSettled = (status: string) => status.endsWith("_COMPLETE") && !status.includes("ROLLBACK") && !status.startsWith("DELETE");

const round = (n: number) => Math.round(n * 100) / 100;

function stringParameters(parameters: Record<string, Record<string, string>>): Record<string, Record<string, string>> {
  return Object.fromEntries(Object.entries(parameters).map(([t, values]) => [t, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]))]));
}

function concurrencyFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PLAN_CONCURRENCY);
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : DEFAULT_CONCURRENCY;
}
