// ValidateTemplate, GetTemplateSummary and GetTemplate.
import { AwsError } from "../../core/contracts.ts";
import { parseTemplateBody } from "../template/parse.ts";
import { isNoEcho } from "../template/parameters.ts";
import { requiredCapability, validateTemplate } from "../template/validate.ts";
import type { ParameterDefinition, Template } from "../template/types.ts";
import { el, memberList, raw, stringMembers } from "../xml.ts";
import { findChangeSet } from "./change-set-state.ts";
import { MASK } from "./serialize.ts";
import type { ActionHandler } from "./service-context.ts";

/**
 * A parameter's default as ValidateTemplate and GetTemplateSummary report it. A NoEcho default is a parameter value
 * too, and the template reference says NoEcho masks the value "to prevent it from being displayed in the console,
 * command line tools, or API", so it is masked like the values DescribeStacks reports.
 */
function defaultValue(definition: ParameterDefinition): string | undefined {
  const value = definition.Default;
  if (value === undefined) return undefined;
  if (isNoEcho(definition)) return MASK;
  return Array.isArray(value) ? value.join(",") : String(value);
}

function capabilitiesXml(template: Template): string {
  const required = requiredCapability(template);
  if (!required) return stringMembers("Capabilities", []);
  return stringMembers("Capabilities", [required.capability]) + el("CapabilitiesReason", required.reason);
}

function bodyFrom(params: Record<string, string>): string {
  if (params.TemplateBody !== undefined) return params.TemplateBody;
  if (params.TemplateURL !== undefined) throw new AwsError("ValidationError", "TemplateURL must reference a valid S3 object to which you have access.");
  throw new AwsError("ValidationError", "Either Template URL or Template Body must be specified.");
}

export const validateTemplateAction: ActionHandler = (_svc, params) => {
  const template = parseTemplateBody(bodyFrom(params));
  validateTemplate(template);
  const parameters = Object.entries(template.Parameters ?? {});
  return memberList("Parameters", parameters, ([key, p]) =>
    el("ParameterKey", key) + el("DefaultValue", defaultValue(p)) + el("NoEcho", isNoEcho(p)) + el("Description", p.Description)) +
    el("Description", template.Description) + capabilitiesXml(template) + stringMembers("DeclaredTransforms", []);
};

export const getTemplateSummary: ActionHandler = (svc, params, ctx) => {
  const template = params.StackName
    ? svc.store.requireStack(ctx.region, params.StackName).config?.template
    : parseTemplateBody(bodyFrom(params));
  if (!template) throw new AwsError("ValidationError", `Stack with id ${params.StackName} does not exist`);
  if (!params.StackName) validateTemplate(template);
  const byType = new Map<string, string[]>();
  for (const [id, resource] of Object.entries(template.Resources)) byType.set(resource.Type, [...(byType.get(resource.Type) ?? []), id]);
  return memberList("Parameters", Object.entries(template.Parameters ?? {}), ([key, p]) =>
    el("ParameterKey", key) + el("DefaultValue", defaultValue(p)) + el("ParameterType", p.Type) + el("NoEcho", isNoEcho(p)) +
    el("Description", p.Description) + raw("ParameterConstraints", p.AllowedValues ? stringMembers("AllowedValues", p.AllowedValues.map(String)) : "")) +
    el("Description", template.Description) + capabilitiesXml(template) +
    stringMembers("ResourceTypes", [...byType.keys()]) + el("Version", template.AWSTemplateFormatVersion) +
    el("Metadata", template.Metadata ? JSON.stringify(template.Metadata) : undefined) + stringMembers("DeclaredTransforms", []) +
    memberList("ResourceIdentifierSummaries", [...byType], ([type, ids]) => el("ResourceType", type) + stringMembers("LogicalResourceIds", ids));
};

export const getTemplate: ActionHandler = (svc, params, ctx) => {
  const region = svc.store.region(ctx.region);
  let body: string | undefined;
  if (params.ChangeSetName) body = findChangeSet(region, params.ChangeSetName, params.StackName).config.templateBody;
  else if (params.StackName) {
    const stack = svc.store.requireStack(ctx.region, params.StackName);
    body = (stack.config ?? stack.pendingConfig)?.templateBody;
  } else throw new AwsError("ValidationError", "Either StackName or ChangeSetName must be specified.");
  return el("TemplateBody", body ?? "") + stringMembers("StagesAvailable", ["Original", "Processed"]);
};
