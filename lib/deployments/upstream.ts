import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import { parsedVersion } from "../templates/analyze.ts";
import { environmentParameterValues, stackNameFor } from "../templates/estimate.ts";
import { loadProfile, type EnvironmentProfile } from "../templates/profiles.ts";
import { makeEvaluator, resolveTemplate } from "../templates/resolve.ts";
import type { TemplateDocument } from "../templates/types.ts";
import { stackStatusGroup } from "./stack-status.ts";
import type { StackOutputDto } from "./types.ts";

// What a template needs to exist before it can be previewed: the stacks of this environment whose exports it
// imports (Fn::ImportValue, resolved with the environment's values) and those its catalog entry names in
// DependsOn. Without this, CloudFormation refuses late ("No export named staging-network-PrivateSubnetIds").

export type UpstreamState = "ready" | "missing" | "in_progress" | "unusable";

export interface UpstreamStack {
  template: string;
  stackName: string;
  /** Exports this template imports from it (none when only its catalog entry's DependsOn names it). */
  exports: string[];
  state: UpstreamState;
  status: string | null;
}

export interface UpstreamCheck {
  upstream: UpstreamStack[];
  /** The upstream stacks that are not ready, in the order to create them, with what they need in turn. */
  chain: UpstreamStack[];
}

interface CatalogDoc {
  name: string;
  doc: TemplateDocument;
}

export async function checkUpstream(db: Db, input: { environment: EnvironmentSummary; template: string; parameters?: Record<string, string> }): Promise<UpstreamCheck> {
  const { environment, template } = input;
  const [rows, profile] = await Promise.all([
    db.template.findMany({ where: { currentVersionId: { not: null } }, select: { name: true, currentVersion: { select: { sha256: true, body: true } } } }),
    loadProfile(environment.key),
  ]);
  const catalog = new Map<string, CatalogDoc>(rows.map((r) => [r.name, { name: r.name, doc: parsedVersion(r.currentVersion!.sha256, r.currentVersion!.body).document }]));
  if (!catalog.has(template)) return { upstream: [], chain: [] };
  const providers = exportProviders(catalog, environment.key, profile);
  const needsOf = (name: string, parameters?: Record<string, string>) => {
    const entry = catalog.get(name); // a DependsOn name that is not in the catalog needs nothing we know of
    return entry ? needs(entry, environment.key, profile, providers, parameters) : new Map<string, string[]>();
  };

  const direct = needsOf(template, input.parameters);
  const closure = new Map<string, string[]>(); // template -> imported export names, for everything upstream
  const order: string[] = [];
  const visit = (name: string, exports: string[], seen: Set<string>) => {
    if (seen.has(name)) return;
    seen.add(name);
    closure.set(name, [...new Set([...(closure.get(name) ?? []), ...exports])]);
    for (const [dep, depExports] of needsOf(name)) visit(dep, depExports, seen);
    if (!order.includes(name)) order.push(name); // after what it needs
  };
  for (const [dep, exports] of direct) visit(dep, exports, new Set([template]));

  const stacks = await db.stack.findMany({
    where: { environmentId: environment.id, deletedAt: null, name: { in: order.map((t) => stackNameFor(environment.key, t)) } },
    select: { name: true, status: true, outputs: true },
  });
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const described = order.map((t): UpstreamStack => {
    const stackName = stackNameFor(environment.key, t);
    const exports = closure.get(t) ?? [];
    const row = byName.get(stackName);
    return { template: t, stackName, exports, status: row?.status ?? null, state: stateOf(row, exports) };
  });
  return { upstream: described.filter((s) => direct.has(s.template)), chain: described.filter((s) => s.state !== "ready") };
}

/**
 * The whole catalog's dependencies in an environment (issue 15, the environment graph and plans): template → the
 * templates it needs, with the exports it imports from each. The same resolution as checkUpstream.
 */
export async function catalogDependencies(db: Db, environment: string, parameters: Record<string, Record<string, string>> = {}): Promise<Map<string, Map<string, string[]>>> {
  const [rows, profile] = await Promise.all([
    db.template.findMany({ where: { currentVersionId: { not: null } }, select: { name: true, currentVersion: { select: { sha256: true, body: true } } } }),
    loadProfile(environment),
  ]);
  const catalog = new Map<string, CatalogDoc>(rows.map((r) => [r.name, { name: r.name, doc: parsedVersion(r.currentVersion!.sha256, r.currentVersion!.body).document }]));
  const providers = exportProviders(catalog, environment, profile);
  return new Map([...catalog.values()].map((entry) => [entry.name, needs(entry, environment, profile, providers, parameters[entry.name])]));
}

/** The validation error a preview gets when what it imports is not there yet, naming every missing stack. */
export function upstreamError(template: string, check: UpstreamCheck): AppError | null {
  const missing = check.upstream.filter((s) => s.state !== "ready");
  if (!missing.length) return null;
  const names = missing.map((s) => s.stackName).join(" and ");
  return new AppError("validation_failed", `Create ${names} first: ${template} needs ${missing.length === 1 ? "it" : "them"} in this environment.`, {
    upstream: missing.map((s) => describeUpstream(s)),
  });
}

export function describeUpstream(s: UpstreamStack): string {
  const what = s.exports.length ? ` (exports ${s.exports.join(", ")})` : "";
  switch (s.state) {
    case "missing": return `${s.stackName} does not exist yet${what}.`;
    case "in_progress": return `${s.stackName} is still being changed (${s.status}); wait until it is complete.`;
    case "unusable": return `${s.stackName} is ${s.status}: fix or recreate it first${what}.`;
    default: return `${s.stackName} is ready.`;
  }
}

function stateOf(row: { status: string | null; outputs: unknown } | undefined, exports: string[]): UpstreamState {
  if (!row || !row.status || row.status === "REVIEW_IN_PROGRESS") return "missing";
  const group = stackStatusGroup(row.status);
  if (group === "in_progress" || row.status.endsWith("ROLLBACK_IN_PROGRESS")) return "in_progress";
  const exported = new Set((row.outputs as StackOutputDto[]).map((o) => o.exportName).filter(Boolean));
  const usable = group === "healthy" || row.status === "UPDATE_ROLLBACK_COMPLETE";
  return usable && exports.every((e) => exported.has(e)) ? "ready" : "unusable";
}

/** Export name → the catalog template whose stack exports it in this environment. */
function exportProviders(catalog: Map<string, CatalogDoc>, environment: string, profile: EnvironmentProfile | null): Map<string, string> {
  const providers = new Map<string, string>();
  for (const { name, doc } of catalog.values()) {
    const { evaluate, condition } = makeEvaluator(doc, environmentParameterValues(doc, name, environment, profile), contextOf(environment, name, profile));
    for (const output of Object.values(doc.Outputs ?? {})) {
      if (!output.Export || (output.Condition && !condition(output.Condition))) continue;
      const exported = evaluate(output.Export.Name);
      if (typeof exported === "string") providers.set(exported, name);
    }
  }
  return providers;
}

/** Template → the exports it imports from it, for one template: its active resources' imports and its DependsOn. */
function needs(entry: CatalogDoc, environment: string, profile: EnvironmentProfile | null, providers: Map<string, string>, parameters?: Record<string, string>): Map<string, string[]> {
  const values = environmentParameterValues(entry.doc, entry.name, environment, profile, parameters);
  const out = new Map<string, string[]>();
  for (const name of importsIn(resolveTemplate(entry.doc, values, contextOf(environment, entry.name, profile)))) {
    const provider = providers.get(name);
    if (provider && provider !== entry.name) out.set(provider, [...(out.get(provider) ?? []), name]);
  }
  for (const dep of entry.doc.Metadata?.Stackdeck?.DependsOn ?? []) if (!out.has(dep) && dep !== entry.name) out.set(dep, []);
  return out;
}

function importsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => importsIn(v, out));
  else if (value && typeof value === "object") {
    for (const [key, arg] of Object.entries(value as Record<string, unknown>)) {
      if (key === "Fn::ImportValue" && typeof arg === "string") out.add(arg);
      else importsIn(arg, out);
    }
  }
  return out;
}

const contextOf = (environment: string, template: string, profile: EnvironmentProfile | null) => ({ region: profile?.region ?? "us-east-1", stackName: stackNameFor(environment, template) });
