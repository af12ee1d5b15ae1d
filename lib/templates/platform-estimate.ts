import { estimateMonthlyCost } from "../cost/estimate.ts";
import type { CostLine, Estimate } from "../cost/types.ts";
import { AppError } from "../errors.ts";
import { analyzeTemplate } from "./analyze.ts";
import { environmentParameterValues, stackNameFor } from "./estimate.ts";
import { loadProfile } from "./profiles.ts";
import { resolveTemplate } from "./resolve.ts";
import { readTemplateFiles, TEMPLATES_DIR } from "./source-files.ts";
import type { TemplateDocument } from "./types.ts";

export interface PlatformEstimate extends Omit<Estimate, "lines"> {
  environment: string;
  lines: (CostLine & { stack: string })[];
  byStack: { stack: string; template: string; monthly: number }[];
}

/**
 * The estimate of some or all templates in an environment, straight from infra-templates/ (no database needed:
 * the CLI's `estimate` and CI use it). All stacks are priced in one pass, so assumptions that are shared out
 * (NAT traffic over the platform's NAT gateways) see the whole platform.
 */
export async function estimatePlatformFromFiles(options: { environment: string; templates?: string[]; region?: string; dir?: string }): Promise<PlatformEstimate> {
  const files = await readTemplateFiles(options.dir ?? TEMPLATES_DIR);
  const missing = (options.templates ?? []).filter((t) => !files.some((f) => f.name === t));
  if (missing.length) throw new AppError("not_found", `Unknown template(s): ${missing.join(", ")}.`);
  const chosen = options.templates ? files.filter((f) => options.templates!.includes(f.name)) : files;
  const sources = [];
  for (const file of chosen) {
    const analysis = await analyzeTemplate(file.body);
    if (!analysis.valid) throw new AppError("validation_failed", `${file.file} is invalid: ${analysis.issues[0]!.message}`);
    sources.push({ name: file.name, document: analysis.parsed.document });
  }
  return estimatePlatform({ environment: options.environment, sources, region: options.region });
}

/** The estimate of the given templates (already parsed, e.g. the catalog's current versions) in an environment. */
export async function estimatePlatform(options: { environment: string; sources: { name: string; document: TemplateDocument }[]; region?: string }): Promise<PlatformEstimate> {
  const profile = await loadProfile(options.environment);
  if (!profile) throw new AppError("not_found", `No profile for environment "${options.environment}" in infra-templates/environments/.`);
  const region = options.region ?? profile.region;
  const stackOf = new Map<string, string>();
  const resources = [];
  for (const { name, document: doc } of options.sources) {
    const stack = stackNameFor(options.environment, name);
    const values = environmentParameterValues(doc, name, options.environment, profile);
    for (const r of resolveTemplate(doc, values, { region, stackName: stack })) {
      const logicalId = `${stack}/${r.logicalId}`; // unique across stacks in one pass
      stackOf.set(logicalId, stack);
      resources.push({ ...r, logicalId, properties: prefixRefs(r.properties, stack) as Record<string, unknown> });
    }
  }
  const estimate = estimateMonthlyCost({ resources, region, assumptions: profile.costAssumptions });
  const lines = estimate.lines.map((l) => ({ ...l, stack: stackOf.get(l.logicalId)!, logicalId: l.logicalId.split("/")[1]! }));
  const byStack = options.sources.map(({ name }) => {
    const stack = stackNameFor(options.environment, name);
    return { stack, template: name, monthly: lines.filter((l) => l.stack === stack && l.priced).reduce((s, l) => s + l.monthly, 0) };
  });
  return { ...estimate, environment: options.environment, lines, byStack };
}

/**
 * Refs and GetAtts between resources of one stack keep pointing at each other after logical ids are made unique.
 * (Pricers follow both: a NAT gateway whose address is `!GetAtt Eip.AllocationId` leaves the address to the EIP's
 * line; a GetAtt left unprefixed here priced that address twice, so the platform total exceeded the per-stack sum.)
 */
export function prefixRefs(value: unknown, stack: string): unknown {
  if (Array.isArray(value)) return value.map((v) => prefixRefs(v, stack));
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, arg] = entries[0]!;
    if (key === "Ref" && typeof arg === "string") return { Ref: `${stack}/${arg}` };
    if (key === "Fn::GetAtt" && typeof arg === "string") return { "Fn::GetAtt": `${stack}/${arg}` };
    if (key === "Fn::GetAtt" && Array.isArray(arg) && typeof arg[0] === "string") return { "Fn::GetAtt": [`${stack}/${arg[0]}`, ...arg.slice(1)] };
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, prefixRefs(v, stack)]));
}
