import { LineCounter, isMap, isScalar, parseDocument, type CollectionTag, type Document, type ScalarTag } from "yaml";
import type { TemplateDocument, TemplateIssue } from "./types.ts";

export const TEMPLATE_BODY_LIMIT = 51_200; // CloudFormation's inline TemplateBody limit

const FUNCTIONS = [
  "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "If", "Equals", "And", "Or", "Not",
  "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll", // rule functions
];

/** `!Ref X` → `{ Ref: X }`, `!GetAtt A.B` → `{ "Fn::GetAtt": [A, B] }`, `!Sub ...` → `{ "Fn::Sub": ... }`. */
function longForm(name: string, value: unknown): unknown {
  if (name === "Ref" || name === "Condition") return { [name]: value };
  if (name === "GetAtt" && typeof value === "string") {
    const dot = value.indexOf(".");
    return { "Fn::GetAtt": dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

const TAGS: (ScalarTag | CollectionTag)[] = ["Ref", "Condition", ...FUNCTIONS].flatMap((name) => [
  { tag: `!${name}`, resolve: (text: string) => longForm(name, text) } satisfies ScalarTag,
  ...(["seq", "map"] as const).map(
    (collection): CollectionTag => ({ tag: `!${name}`, collection, resolve: (node) => longForm(name, node.toJSON()) }),
  ),
]);

export interface ParsedTemplate {
  document: TemplateDocument;
  /** The 1-based line where a path (e.g. ["Resources", "Vpc"]) is written, when known (YAML only). */
  lineOf: (path: string[]) => number | undefined;
}

export class TemplateParseError extends Error {
  constructor(readonly issue: TemplateIssue) {
    super(issue.line ? `line ${issue.line}: ${issue.message}` : issue.message);
  }
}

export function parseTemplate(source: string): ParsedTemplate {
  if (Buffer.byteLength(source, "utf8") > TEMPLATE_BODY_LIMIT) {
    throw new TemplateParseError({ message: `The template is larger than CloudFormation's ${TEMPLATE_BODY_LIMIT}-byte limit.` });
  }
  return source.trimStart().startsWith("{") ? parseJson(source) : parseYaml(source);
}

function parseJson(source: string): ParsedTemplate {
  try {
    return { document: asTemplate(JSON.parse(source)), lineOf: () => undefined };
  } catch (error) {
    if (error instanceof TemplateParseError) throw error;
    throw new TemplateParseError({ message: `JSON not well-formed: ${(error as Error).message}` });
  }
}

function parseYaml(source: string): ParsedTemplate {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { customTags: TAGS, uniqueKeys: true, lineCounter });
  const error = doc.errors[0];
  if (error) {
    throw new TemplateParseError({ message: `YAML not well-formed: ${error.message.split("\n")[0]}`, line: error.linePos?.[0]?.line });
  }
  return { document: asTemplate(doc.toJS({ maxAliasCount: 100 })), lineOf: (path) => lineOfPath(doc, lineCounter, path) };
}

function lineOfPath(doc: Document, lines: LineCounter, path: string[]): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const key of path) {
    if (!isMap(node)) return line;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) return line;
    const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (offset !== undefined) line = lines.linePos(offset).line;
    node = pair.value;
  }
  return line;
}

function asTemplate(value: unknown): TemplateDocument {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new TemplateParseError({ message: "A template must be a mapping with a Resources section." });
  }
  const doc = value as TemplateDocument;
  if (!doc.Resources || typeof doc.Resources !== "object" || !Object.keys(doc.Resources).length) {
    throw new TemplateParseError({ message: "Template format error: At least one Resources member must be defined." });
  }
  return doc;
}
