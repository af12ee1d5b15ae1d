// Which intrinsic functions and transforms a template may use. CloudFormation refuses a function it does not know
// ("Template error: Encountered unsupported function: ... Supported functions are: [...]", wording seen in AWS's
// answers), so the sandbox does too instead of passing the object through as a literal value. The
// AWS::LanguageExtensions transform adds Fn::Length and Fn::ToJsonString (evaluated in intrinsics.ts); its
// Fn::ForEach and every other transform are not simulated and are refused (README: knowingly different).
import { ACCOUNT_ID, AwsError } from "../../core/contracts.ts";
import type { Template } from "./types.ts";

/** CloudFormation's own list, in its order, as its error message gives it. */
const SUPPORTED = [
  "Fn::Base64", "Fn::GetAtt", "Fn::GetAZs", "Fn::ImportValue", "Fn::Join", "Fn::Split", "Fn::FindInMap", "Fn::Select", "Ref",
  "Fn::Equals", "Fn::If", "Fn::Not", "Condition", "Fn::And", "Fn::Or", "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn",
  "Fn::ValueOf", "Fn::ValueOfAll", "Fn::RefAll", "Fn::Sub", "Fn::Cidr",
];
export const LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions";
const EXTENDED = ["Fn::Length", "Fn::ToJsonString"];

function transformsOf(template: Template): string[] {
  const value = (template as { Transform?: unknown }).Transform;
  if (value === undefined) return [];
  const names = Array.isArray(value) ? value : [value];
  if (!names.every((n) => typeof n === "string")) throw new AwsError("ValidationError", "Template format error: The value of Transform must be a string or a list of strings.");
  return names as string[];
}

function unsupported(name: string, supported: string[]): AwsError {
  return new AwsError("ValidationError", `Template error: Encountered unsupported function: ${name} Supported functions are: [${supported.join(", ")}]`);
}

function walk(value: unknown, supported: Set<string>, list: string[]): void {
  if (Array.isArray(value)) return value.forEach((item) => walk(item, supported, list));
  if (!value || typeof value !== "object") return;
  const keys = Object.keys(value);
  if (keys.length === 1 && /^fn::/i.test(keys[0]!) && !supported.has(keys[0]!)) throw unsupported(keys[0]!, list);
  for (const child of Object.values(value)) walk(child, supported, list);
}

/** Refuses transforms the sandbox does not run and functions CloudFormation would not know in this template. */
export function checkFunctionsAndTransforms(template: Template): void {
  const transforms = transformsOf(template);
  for (const name of transforms) {
    if (name === LANGUAGE_EXTENSIONS) continue;
    throw new AwsError("ValidationError", `No transform named ${name.includes("::") ? name : `${ACCOUNT_ID}::${name}`} found.`);
  }
  const list = transforms.includes(LANGUAGE_EXTENSIONS) ? [...SUPPORTED, ...EXTENDED] : SUPPORTED;
  const supported = new Set(list);
  for (const key of Object.keys(template.Resources ?? {})) if (/^Fn::ForEach::/.test(key)) throw unsupported("Fn::ForEach", list);
  for (const section of [template.Resources, template.Outputs, template.Conditions] as unknown[]) walk(section, supported, list);
}
