import { profileInTargetRegion } from "../environments/targets.ts";
import type { Db } from "../db/client.ts";
import { assertCan, can, type Actor } from "../auth/guard.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import type { Estimate } from "../cost/types.ts";
import { parsedVersion } from "./analyze.ts";
import { environmentParameterValues, estimateTemplate, stackNameFor } from "./estimate.ts";
import { layoutResourceGraph, type GraphLayout } from "./graph.ts";
import { loadProfile, stackProfile } from "./profiles.ts";
import type { ProfileBound } from "./parameters.ts";
import { makeEvaluator } from "./resolve.ts";
import { getTemplateRow, toCatalogEntry, type CatalogEntry } from "./queries.ts";
import type { ParameterSpec, TemplateIssue } from "./types.ts";

export interface ParameterRow {
  name: string;
  spec: ParameterSpec;
  environmentValue: string | null; // what this environment's profile sets, else null (the default applies)
  /** Who may change it here: "deployers" when users may set it (within `bound`), else "profile" (fixed). */
  changeableBy: "deployers" | "profile";
  bound: ProfileBound | null;
}

export interface TemplateDetail {
  entry: CatalogEntry;
  parameters: ParameterRow[];
  resources: { logicalId: string; type: string; condition: string | null; active: boolean }[];
  outputs: { name: string; description: string | null; exportName: string | null }[];
  graph: GraphLayout | null;
  source: string | null;
  versions: { id: string; sha256: string; createdAt: string; valid: boolean; issues: TemplateIssue[]; current: boolean }[];
  estimate: Estimate | null;
  canChange: boolean;
}

export async function getTemplateDetail(db: Db, actor: Actor, name: string, environment: EnvironmentSummary): Promise<TemplateDetail> {
  assertCan(actor, "stack:read", environment);
  const [row, profile] = await Promise.all([getTemplateRow(db, name), profileInTargetRegion(db, environment.key)]);
  const entry = toCatalogEntry(row, environment.key, profile);
  const versions = row.versions.map((v) => ({
    id: v.id,
    sha256: v.sha256,
    createdAt: v.createdAt.toISOString(),
    valid: v.valid,
    issues: v.issues as unknown as TemplateIssue[],
    current: v.id === row.currentVersion?.id,
  }));
  const base = { entry, versions, canChange: can(actor, "change:preview", environment) };
  if (!row.currentVersion) return { ...base, parameters: [], resources: [], outputs: [], graph: null, source: null, estimate: null };

  const doc = parsedVersion(row.currentVersion.sha256, row.currentVersion.body).document;
  const stack = stackProfile(profile, name);
  const values = environmentParameterValues(doc, name, environment.key, profile);
  const region = profile?.region ?? "us-east-1";
  const { evaluate, condition } = makeEvaluator(doc, values, { region, stackName: stackNameFor(environment.key, name) });
  const userParameters = new Set(doc.Metadata?.Stackdeck?.UserParameters ?? []);
  return {
    ...base,
    parameters: Object.entries(doc.Parameters ?? {}).map(([param, spec]) => {
      const overridable = userParameters.has(param) && param in stack.overridable;
      return {
        name: param,
        spec,
        environmentValue: values[param] ?? null,
        changeableBy: overridable ? "deployers" : "profile",
        bound: overridable ? stack.overridable[param]! : null,
      };
    }),
    resources: Object.entries(doc.Resources).map(([logicalId, r]) => ({
      logicalId,
      type: r.Type,
      condition: r.Condition ?? null,
      active: !r.Condition || condition(r.Condition),
    })),
    outputs: Object.entries(doc.Outputs ?? {}).map(([output, spec]) => {
      const exportName = spec.Export ? evaluate(spec.Export.Name) : null;
      return { name: output, description: spec.Description ?? null, exportName: typeof exportName === "string" ? exportName : null };
    }),
    graph: layoutResourceGraph(doc),
    source: row.currentVersion.body,
    estimate: estimateTemplate(doc, name, environment.key, profile),
  };
}
