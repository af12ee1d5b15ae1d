import { parseTemplate, TemplateParseError, type ParsedTemplate } from "./parse.ts";
import { validateTemplate } from "./validate.ts";
import type { TemplateIssue } from "./types.ts";

export type Analysis = { valid: true; parsed: ParsedTemplate; issues: [] } | { valid: false; parsed: ParsedTemplate | null; issues: TemplateIssue[] };

/** Parse and validate one template source; never throws for a bad template, it reports it. */
export async function analyzeTemplate(body: string): Promise<Analysis> {
  let parsed: ParsedTemplate;
  try {
    parsed = parseTemplate(body);
  } catch (error) {
    if (error instanceof TemplateParseError) return { valid: false, parsed: null, issues: [error.issue] };
    throw error;
  }
  const issues = await validateTemplate(parsed);
  return issues.length ? { valid: false, parsed, issues } : { valid: true, parsed, issues: [] };
}

const cache = new Map<string, ParsedTemplate>();

/** Stored versions are immutable, so a parse can be kept for the life of the process, keyed by content hash. */
export function parsedVersion(sha256: string, body: string): ParsedTemplate {
  let parsed = cache.get(sha256);
  if (!parsed) {
    parsed = parseTemplate(body);
    cache.set(sha256, parsed);
  }
  return parsed;
}
