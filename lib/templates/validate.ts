import type { ParsedTemplate } from "./parse.ts";
import type { TemplateDocument, TemplateIssue } from "./types.ts";
import { CycleError, PSEUDO_PARAMETERS, referencesIn, resourceDependencies, topologicalOrder } from "./references.ts";
import { checkParameter, asParameterString } from "./parameters.ts";
import { knownResourceTypes } from "./resource-types.ts";

const CATEGORIES = new Set(["networking", "security", "data", "identity", "traffic", "compute"]);

/**
 * The checks CloudFormation makes at ValidateTemplate (unknown types, unresolved references, conditions, cycles,
 * defaults that break their own constraints), plus ours: the Stackdeck metadata block the catalog relies on.
 * Messages follow CloudFormation's where it has one.
 */
export async function validateTemplate({ document: doc, lineOf }: ParsedTemplate): Promise<TemplateIssue[]> {
  const issues: TemplateIssue[] = [];
  const add = (message: string, path: string[]) => issues.push({ message, path: path.join("."), line: lineOf(path) });
  checkMetadata(doc, add);

  const types = await knownResourceTypes();
  const unknown = Object.entries(doc.Resources).filter(([, r]) => !types.has(r?.Type));
  if (unknown.length) {
    add(`Template format error: Unrecognized resource types: [${unknown.map(([, r]) => r?.Type).join(", ")}]`, ["Resources", unknown[0]![0]]);
  }

  const names = new Set([...Object.keys(doc.Parameters ?? {}), ...Object.keys(doc.Resources), ...PSEUDO_PARAMETERS]);
  for (const [section, entries] of [["Resources", doc.Resources], ["Outputs", doc.Outputs ?? {}]] as const) {
    for (const [id, entry] of Object.entries(entries)) {
      const unresolved = referencesIn(entry).filter((ref) =>
        ref.kind === "GetAtt" ? !(ref.target in doc.Resources) : !names.has(ref.target),
      );
      if (unresolved.length) {
        const targets = [...new Set(unresolved.map((r) => r.target))].join(", ");
        add(`Template format error: Unresolved resource dependencies [${targets}] in the ${section} block of the template`, [section, id]);
      }
      const condition = (entry as { Condition?: string }).Condition;
      if (condition && !(condition in (doc.Conditions ?? {}))) add(`Template format error: Unresolved condition ${condition}`, [section, id]);
    }
  }
  for (const [id, resource] of Object.entries(doc.Resources)) {
    for (const dep of [resource.DependsOn ?? []].flat()) {
      if (!(dep in doc.Resources)) add(`Template format error: Unresolved resource dependencies [${dep}] in the Resources block of the template`, ["Resources", id]);
    }
  }
  try {
    topologicalOrder(resourceDependencies(doc));
  } catch (error) {
    if (error instanceof CycleError) add(`Template error: ${error.message}`, ["Resources", error.members[0]!]);
    else throw error;
  }
  for (const [name, spec] of Object.entries(doc.Parameters ?? {})) {
    if (spec.Default === undefined) continue;
    const problem = checkParameter(name, spec, asParameterString(spec.Default));
    if (problem) add(`Default value of ${problem.replace(/^Parameter /, "parameter ")}`, ["Parameters", name]);
  }
  return issues;
}

function checkMetadata(doc: TemplateDocument, add: (message: string, path: string[]) => void): void {
  const meta = doc.Metadata?.Stackdeck;
  if (!meta || typeof meta !== "object") {
    add("Missing Metadata.Stackdeck block (Title, Description, Category, DependsOn, UserParameters).", ["Metadata"]);
    return;
  }
  for (const field of ["Title", "Description"] as const) {
    if (typeof meta[field] !== "string" || !meta[field].trim()) add(`Metadata.Stackdeck.${field} must be a non-empty string.`, ["Metadata", "Stackdeck"]);
  }
  if (!CATEGORIES.has(meta.Category)) add(`Metadata.Stackdeck.Category must be one of ${[...CATEGORIES].join(", ")}.`, ["Metadata", "Stackdeck", "Category"]);
  for (const field of ["DependsOn", "UserParameters"] as const) {
    if (!Array.isArray(meta[field])) add(`Metadata.Stackdeck.${field} must be a list.`, ["Metadata", "Stackdeck", field]);
  }
  const unknown = (Array.isArray(meta.UserParameters) ? meta.UserParameters : []).filter((p) => !(p in (doc.Parameters ?? {})));
  if (unknown.length) add(`Metadata.Stackdeck.UserParameters names unknown parameters: ${unknown.join(", ")}.`, ["Metadata", "Stackdeck", "UserParameters"]);
}
