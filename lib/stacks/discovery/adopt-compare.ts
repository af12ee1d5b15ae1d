import type { TemplateDocument } from "../../templates/types.ts";

/**
 * Why a stack's template is not the catalog template's (same logical ids with the same types), or null when it is.
 * One sentence naming up to three differences of each kind.
 */
export function templateMismatch(stack: TemplateDocument, catalog: TemplateDocument, templateName: string): string | null {
  const theirs = resourceTypes(stack);
  const ours = resourceTypes(catalog);
  const missing = [...ours.keys()].filter((id) => !theirs.has(id));
  const extra = [...theirs.keys()].filter((id) => !ours.has(id));
  const retyped = [...ours.keys()].filter((id) => theirs.has(id) && theirs.get(id) !== ours.get(id)).map((id) => `${id} is ${theirs.get(id)}, not ${ours.get(id)}`);
  if (!missing.length && !extra.length && !retyped.length) return null;
  const parts = [
    missing.length ? `it lacks ${list(missing)}` : null,
    extra.length ? `it has ${list(extra)} that ${templateName} does not` : null,
    retyped.length ? list(retyped) : null,
  ].filter(Boolean);
  return `Its resources do not match the ${templateName} template: ${parts.join("; ")}.`;
}

function resourceTypes(doc: TemplateDocument): Map<string, string> {
  return new Map(Object.entries(doc.Resources ?? {}).map(([id, resource]) => [id, String((resource as { Type?: unknown }).Type ?? "")]));
}

const list = (items: string[]) => (items.length > 3 ? `${items.slice(0, 3).join(", ")} and ${items.length - 3} more` : items.join(", "));
