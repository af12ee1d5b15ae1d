// Static checks run by ValidateTemplate, CreateStack, UpdateStack and CreateChangeSet before anything is
// provisioned, with the messages AWS gives for the same mistakes.
import { AwsError } from "../../core/contracts.ts";
import { attributeNames, isKnownResourceType } from "../spec.ts";
import { collectReferences, dependsOnList, topologicalOrder } from "./references.ts";
import { isPseudoParameter, type Template } from "./types.ts";
import { checkFunctionsAndTransforms } from "./functions.ts";

const SECTIONS = new Set([
  "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Mappings", "Conditions", "Transform", "Rules",
  "Resources", "Outputs", "Hooks",
]);

const PARAMETER_TYPES = /^(String|Number|List<Number>|CommaDelimitedList|AWS::EC2::[A-Za-z:]+|AWS::Route53::HostedZone::Id|List<AWS::(EC2|Route53)::[A-Za-z:]+>|AWS::SSM::Parameter::Name|AWS::SSM::Parameter::Value<.+>)$/;

function formatError(message: string): AwsError {
  return new AwsError("ValidationError", `Template format error: ${message}`);
}

function isCustomType(type: string): boolean {
  return type.startsWith("Custom::") || type === "AWS::CloudFormation::CustomResource";
}

export function validateTemplate(template: Template): void {
  const unknownSections = Object.keys(template).filter((key) => !SECTIONS.has(key));
  if (unknownSections.length > 0) throw formatError(`Invalid template property or properties [${unknownSections.join(", ")}]`);
  const resources = template.Resources;
  if (!resources || typeof resources !== "object" || Object.keys(resources).length === 0) {
    throw formatError("At least one Resources member must be defined.");
  }
  for (const [key, definition] of Object.entries(template.Parameters ?? {})) {
    if (!definition || typeof definition.Type !== "string") throw formatError(`[/Parameters/${key}] 'Type' is a required property`);
    if (!PARAMETER_TYPES.test(definition.Type)) throw formatError(`Unrecognized parameter type: ${definition.Type}`);
  }
  checkFunctionsAndTransforms(template);
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!resource || typeof resource.Type !== "string") throw formatError(`[/Resources/${logicalId}] Every Resources object must contain a Type member.`);
  }
  const unrecognized = [...new Set(Object.values(resources).map((r) => r.Type))].filter((type) => !isCustomType(type) && !isKnownResourceType(type));
  if (unrecognized.length > 0) throw formatError(`Unrecognized resource types: [${unrecognized.join(", ")}]`);
  checkConditionNames(template);
  checkReferences(template, "Resources", resources);
  checkReferences(template, "Outputs", template.Outputs ?? {});
  const cycle = topologicalOrder(resourceDependencies(template)).cycle;
  if (cycle) throw new AwsError("ValidationError", `Circular dependency between resources: [${cycle.join(", ")}]`);
}

function checkConditionNames(template: Template): void {
  const conditions = template.Conditions ?? {};
  for (const block of ["Resources", "Outputs"] as const) {
    const section = (template[block] ?? {}) as Record<string, { Condition?: unknown }>;
    const missing = Object.values(section)
      .map((entry) => entry?.Condition)
      .filter((name): name is string => typeof name === "string" && !(name in conditions));
    if (missing.length > 0) throw formatError(`Unresolved condition dependencies [${[...new Set(missing)].join(", ")}] in the ${block} block of the template`);
  }
}

function checkReferences(template: Template, block: "Resources" | "Outputs", section: Record<string, unknown>): void {
  const resources = template.Resources;
  const parameters = template.Parameters ?? {};
  const unresolved = new Set<string>();
  for (const entry of Object.values(section)) {
    const refs = collectReferences(block === "Resources" ? { ...(entry as object), Type: undefined, Metadata: undefined } : entry);
    for (const name of refs.refs) {
      if (!(name in resources) && !(name in parameters) && !isPseudoParameter(name)) unresolved.add(name);
    }
    if (block === "Resources") {
      for (const dependency of dependsOnList((entry as { DependsOn?: unknown }).DependsOn)) {
        if (!(dependency in resources)) unresolved.add(dependency);
      }
    }
    for (const { resource, attribute } of refs.getAtts) {
      const target = resources[resource];
      if (!target) {
        if (!(resource in parameters) && !isPseudoParameter(resource)) {
          throw new AwsError("ValidationError", `Template error: instance of Fn::GetAtt references undefined resource ${resource}`);
        }
        continue;
      }
      const known = isCustomType(target.Type) ? [] : attributeNames(target.Type);
      if (known.length > 0 && attribute && !known.includes(attribute)) {
        throw new AwsError("ValidationError", `Template error: resource ${resource} does not support attribute type ${attribute} in Fn::GetAtt`);
      }
    }
  }
  if (unresolved.size > 0) {
    throw formatError(`Unresolved resource dependencies [${[...unresolved].join(", ")}] in the ${block} block of the template`);
  }
}

/** logicalId -> the resources it must wait for (Ref, GetAtt, Sub placeholders and DependsOn). */
export function resourceDependencies(template: Template, include: (logicalId: string) => boolean = () => true): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!include(logicalId)) continue;
    const refs = collectReferences(resource.Properties ?? {});
    const targets = [...refs.refs, ...refs.getAtts.map((g) => g.resource), ...dependsOnList(resource.DependsOn)];
    graph.set(logicalId, new Set(targets.filter((t) => t in template.Resources && include(t))));
  }
  return graph;
}

const IAM_TYPES = new Set([
  "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group",
  "AWS::IAM::InstanceProfile", "AWS::IAM::AccessKey", "AWS::IAM::UserToGroupAddition",
]);
const IAM_NAME_PROPERTIES = ["RoleName", "ManagedPolicyName", "UserName", "GroupName", "InstanceProfileName"];

/** The capability a template needs to be deployed, and why (as ValidateTemplate reports it). */
export function requiredCapability(template: Template): { capability: string; reason: string } | undefined {
  const iam = Object.entries(template.Resources).filter(([, r]) => IAM_TYPES.has(r.Type));
  if (iam.length === 0) return undefined;
  const named = iam.some(([, r]) => IAM_NAME_PROPERTIES.some((p) => r.Properties?.[p] !== undefined));
  const reason = `The following resource(s) require capabilities: [${[...new Set(iam.map(([, r]) => r.Type))].join(", ")}]`;
  return { capability: named ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM", reason };
}

export function checkCapabilities(template: Template, granted: string[]): void {
  const required = requiredCapability(template);
  if (!required) return;
  const ok = granted.includes(required.capability) || (required.capability === "CAPABILITY_IAM" && granted.includes("CAPABILITY_NAMED_IAM"));
  if (!ok) throw new AwsError("InsufficientCapabilitiesException", `Requires capabilities : [${required.capability}]`);
}
