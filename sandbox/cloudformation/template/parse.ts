// Reads a template body (JSON or YAML with CloudFormation's short-form tags) into a plain object, with AWS's error
// messages for malformed input.
import { parseDocument, type ScalarTag, type CollectionTag, type YAMLMap, type YAMLSeq } from "yaml";
import { AwsError } from "../../core/contracts.ts";
import type { Template } from "./types.ts";

export const TEMPLATE_BODY_LIMIT = 51_200;

const FUNCTION_TAGS = [
  "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform",
  "If", "Equals", "And", "Or", "Not", "ToJsonString", "Length",
  // Rule functions (Rules section only).
  "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll",
];

function wrap(name: string, value: unknown): unknown {
  if (name === "Ref") return { Ref: value };
  if (name === "Condition") return { Condition: value };
  // `!GetAtt Res.Attr` is the dotted short form; the attribute part may itself contain dots (Endpoint.Address).
  if (name === "GetAtt" && typeof value === "string") {
    const dot = value.indexOf(".");
    return { "Fn::GetAtt": dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

function shortFormTags(): (ScalarTag | CollectionTag)[] {
  return ["Ref", "Condition", ...FUNCTION_TAGS].flatMap((name) => {
    const tag = `!${name}`;
    const scalar: ScalarTag = { tag, resolve: (text: string) => wrap(name, text) };
    const collection = (kind: "map" | "seq"): CollectionTag => ({
      tag,
      collection: kind,
      resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => wrap(name, node.toJSON()),
    });
    return [scalar, collection("seq"), collection("map")];
  });
}

const YAML_TAGS = shortFormTags();

export function parseTemplateBody(body: string): Template {
  if (Buffer.byteLength(body, "utf8") > TEMPLATE_BODY_LIMIT) {
    throw new AwsError(
      "ValidationError",
      `1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${TEMPLATE_BODY_LIMIT}`,
    );
  }
  const parsed = body.trimStart().startsWith("{") ? parseJson(body) : parseYaml(body);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AwsError("ValidationError", "Template format error: unsupported structure.");
  }
  return parsed as Template;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    const { line, column } = jsonErrorPosition(body, error);
    throw new AwsError("ValidationError", `Template format error: JSON not well-formed. (line ${line},  column ${column})`);
  }
}

function jsonErrorPosition(body: string, error: unknown): { line: number; column: number } {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  const offset = match ? Number(match[1]) : body.length;
  const before = body.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function parseYaml(body: string): unknown {
  const doc = parseDocument(body, { customTags: YAML_TAGS, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
    throw new AwsError("ValidationError", `Template format error: YAML not well-formed. (line ${line}, column ${column})`);
  }
  return doc.toJS({ maxAliasCount: 100 });
}
