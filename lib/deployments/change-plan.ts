import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "../auth/guard.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import type { ParameterInput } from "../aws/cloudformation.ts";
import { diffEstimates } from "../cost/estimate.ts";
import type { Estimate } from "../cost/types.ts";
import { parsedVersion } from "../templates/analyze.ts";
import { estimateTemplate } from "../templates/estimate.ts";
import { applyParameterOverrides } from "../templates/overrides.ts";
import { profileInTargetRegion } from "../environments/targets.ts";
import { getTemplateRow } from "../templates/queries.ts";
import type { TemplateDocument } from "../templates/types.ts";
import { isNoEcho, maskParameters, NO_ECHO_MASK } from "./context.ts";
import type { CostDelta } from "./types.ts";

// What a create, update or rollback will send: the template version, the parameters (checked like CloudFormation
// checks them, NoEcho values kept with UsePreviousValue where we cannot know them) and the cost movement.

export interface ChangePlan {
  templateVersionId: string;
  templateSha256: string;
  templateBody: string;
  /** Stored and shown: NoEcho masked. */
  parameters: Record<string, string>;
  /** Sent to CloudFormation. */
  send: ParameterInput[];
  costDelta: CostDelta | null;
}

const MAX_TEMPLATE_BODY = 51_200; // CloudFormation's limit for an inline TemplateBody

interface PlanInput {
  actor: Actor;
  environment: EnvironmentSummary;
  template: string;
  stackId: string | null;
  overrides: Record<string, string>;
  stackExists: boolean;
  /** A version other than the catalog's current one (a promotion deploys what the source environment runs). */
  templateVersionId?: string;
}

export async function planTemplateChange(db: Db, input: PlanInput): Promise<ChangePlan> {
  const row = await getTemplateRow(db, input.template);
  const version = input.templateVersionId ? row.versions.find((v) => v.id === input.templateVersionId && v.valid) : row.currentVersion;
  if (!version) throw new AppError("conflict", `Template "${input.template}" has no valid version to deploy${input.templateVersionId ? ` with id ${input.templateVersionId}` : ""}.`);
  const { values } = await applyParameterOverrides(db, {
    actor: input.actor,
    template: input.template,
    environment: input.environment,
    overrides: input.overrides,
    version,
  });
  const doc = parsedVersion(version.sha256, version.body).document;
  // A NoEcho value the user did not type again stays what the stack has (we never store it).
  const keep = (name: string) => input.stackExists && isNoEcho(doc, name) && !(name in input.overrides);
  const send: ParameterInput[] = Object.entries(values).map(([key, value]) => (keep(key) ? { key, usePreviousValue: true } : { key, value }));
  return {
    templateVersionId: version.id,
    templateSha256: version.sha256,
    templateBody: checkedBody(version.body),
    parameters: maskParameters(doc, values),
    send,
    costDelta: await costDelta(db, input.stackId, input.template, input.environment.key, { doc, values }),
  };
}

/** The template version and parameters of an earlier successful deployment of the same stack. */
export async function planRollback(db: Db, input: { stackId: string; template: string; environment: string; rollbackTo: string }): Promise<ChangePlan> {
  const target = await db.deployment.findUnique({
    where: { id: input.rollbackTo },
    select: { stackId: true, status: true, action: true, parameters: true, templateVersion: { select: { id: true, sha256: true, body: true } } },
  });
  if (!target || target.stackId !== input.stackId) {
    throw new AppError("validation_failed", "Choose an earlier deployment of this stack.", { rollbackTo: ["Not a deployment of this stack."] });
  }
  if (target.status !== "succeeded" || target.action === "delete" || !target.templateVersion) {
    throw new AppError("validation_failed", "Only an earlier successful deployment can be rolled back to.", {
      rollbackTo: [`That deployment ${target.action === "delete" ? "deleted the stack" : `ended ${target.status}`}.`],
    });
  }
  const version = target.templateVersion;
  const doc = parsedVersion(version.sha256, version.body).document;
  const stored = target.parameters as Record<string, string>;
  const send: ParameterInput[] = Object.entries(stored).map(([key, value]) =>
    isNoEcho(doc, key) || value === NO_ECHO_MASK ? { key, usePreviousValue: true } : { key, value },
  );
  const known = Object.fromEntries(Object.entries(stored).filter(([k]) => !isNoEcho(doc, k)));
  return {
    templateVersionId: version.id,
    templateSha256: version.sha256,
    templateBody: checkedBody(version.body),
    parameters: stored,
    send,
    costDelta: await costDelta(db, input.stackId, input.template, input.environment, { doc, values: known }),
  };
}

function checkedBody(body: string): string {
  if (Buffer.byteLength(body) > MAX_TEMPLATE_BODY) {
    throw new AppError("validation_failed", `The template is larger than CloudFormation's inline limit of ${MAX_TEMPLATE_BODY} bytes.`);
  }
  return body;
}

/** What the stack costs as last deployed, or null when it has no successful deployment. */
async function deployedEstimate(db: Db, stackId: string | null, template: string, environment: string): Promise<Estimate | null> {
  if (!stackId) return null;
  const last = await db.deployment.findFirst({
    where: { stackId, status: "succeeded", action: { not: "delete" } },
    orderBy: { createdAt: "desc" },
    select: { parameters: true, createdAt: true, templateVersion: { select: { sha256: true, body: true } } },
  });
  const deleted = await db.deployment.findFirst({
    where: { stackId, status: "succeeded", action: "delete", createdAt: { gt: last?.createdAt ?? new Date(0) } },
    select: { id: true },
  });
  if (!last?.templateVersion || deleted) return null;
  const doc = parsedVersion(last.templateVersion.sha256, last.templateVersion.body).document;
  return estimateTemplate(doc, template, environment, await profileInTargetRegion(db, environment), last.parameters as Record<string, string>);
}

/** Best effort: an estimate that cannot be made never blocks a change. */
export async function costDelta(
  db: Db,
  stackId: string | null,
  template: string,
  environment: string,
  after: { doc: TemplateDocument; values: Record<string, string> } | null,
): Promise<CostDelta | null> {
  try {
    const profile = await profileInTargetRegion(db, environment);
    const before = await deployedEstimate(db, stackId, template, environment);
    const next: Estimate = after
      ? estimateTemplate(after.doc, template, environment, profile, after.values)
      : { ...(before ?? emptyEstimate(profile?.region ?? "us-east-1")), monthlyTotal: 0, fixed: 0, usage: 0, lines: [] };
    const diff = diffEstimates(before, next);
    return { currency: "USD", before: before?.monthlyTotal ?? 0, after: next.monthlyTotal, monthlyDelta: diff.monthlyDelta, lines: diff.lines };
  } catch (error) {
    console.error(`cost delta of ${template} in ${environment} failed`, error);
    return null;
  }
}

const emptyEstimate = (region: string): Estimate => ({
  currency: "USD", region, monthlyTotal: 0, fixed: 0, usage: 0, lines: [], assumptions: {}, priceCatalogDate: "",
});
