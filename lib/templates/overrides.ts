import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import { diffEstimates } from "../cost/estimate.ts";
import type { Estimate, EstimateDiff } from "../cost/types.ts";
import { parsedVersion } from "./analyze.ts";
import { environmentParameterValues, estimateTemplate } from "./estimate.ts";
import { checkParameters } from "./parameters.ts";
import { checkRules } from "./rules.ts";
import { loadProfile, stackProfile } from "./profiles.ts";
import { getTemplateRow } from "./queries.ts";

export interface OverrideResult {
  values: Record<string, string>;
  estimate: Estimate;
  diff: EstimateDiff; // against the environment's own values
}

/**
 * Checks user-chosen parameter values against the template (exactly as CloudFormation would) and the
 * environment's bounds, refuses changes to values only the profile may set, and estimates the result. The
 * deployment preview uses the same rules before creating a change set.
 */
export async function applyParameterOverrides(
  db: Db,
  {
    actor,
    template,
    environment,
    overrides,
    enforceRequired = true,
    version,
  }: {
    actor: Actor; template: string; environment: EnvironmentSummary; overrides: Record<string, string>; enforceRequired?: boolean;
    /** Check against this version instead of the catalog's current one (a deployment of a pinned version). */
    version?: { sha256: string; body: string };
  },
): Promise<OverrideResult> {
  assertCan(actor, "stack:read", environment);
  const [row, profile] = await Promise.all([getTemplateRow(db, template), loadProfile(environment.key)]);
  const checked = version ?? row.currentVersion;
  if (!checked) throw new AppError("conflict", `Template "${template}" has no valid version to use.`);
  const doc = parsedVersion(checked.sha256, checked.body).document;
  const stack = stackProfile(profile, template);
  const userParameters = new Set(doc.Metadata?.Stackdeck?.UserParameters ?? []);
  const baseline = environmentParameterValues(doc, template, environment.key, profile);
  const fields: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(overrides)) {
    const changeable = userParameters.has(name) && name in stack.overridable;
    if (!changeable && value !== baseline[name] && name in (doc.Parameters ?? {})) {
      fields[name] = [`Parameter '${name}' is set by the ${environment.name} profile and cannot be changed here`];
    }
  }
  const values = { ...baseline, ...overrides };
  for (const [name, message] of Object.entries(checkParameters(doc.Parameters ?? {}, values, stack.overridable, { enforceRequired }))) {
    (fields[name] ??= []).push(message);
  }
  if (enforceRequired) {
    // Rules guard what will be deployed; a "what would it cost" estimate may leave e.g. the certificate out.
    for (const [name, message] of Object.entries(checkRules(doc, values, profile?.region))) (fields[name] ??= []).push(message);
  }
  if (Object.keys(fields).length) throw new AppError("validation_failed", "Some parameter values are not allowed.", fields);
  const before = estimateTemplate(doc, template, environment.key, profile);
  const estimate = estimateTemplate(doc, template, environment.key, profile, overrides);
  return { values, estimate, diff: diffEstimates(before, estimate) };
}
