// Turns the request of CreateStack, UpdateStack or CreateChangeSet into a validated stack configuration.
import { accountOfArn } from "../engine/context.ts";
import { AwsError } from "../../core/contracts.ts";
import { parseTemplateBody } from "../template/parse.ts";
import { resolveParameters, parameterRefValue, type ResolvedParameter } from "../template/parameters.ts";
import { checkCapabilities, validateTemplate } from "../template/validate.ts";
import { evaluateConditions, resolveValue, type EvaluationContext } from "../template/intrinsics.ts";
import { checkRules } from "../template/rules.ts";
import { literalSsmNames, ssmNotFound } from "../template/dynamic-references.ts";
import { ruleLookups } from "./rule-lookups.ts";
import type { RegionState, RollbackConfigurationRecord, StackConfig } from "../state/types.ts";
import type { Template } from "../template/types.ts";
import { bool, stringList, structList, type QueryParams } from "./params.ts";

export interface StackIdentity {
  stackName: string;
  stackId: string;
  region: string;
}

function templateBody(params: QueryParams, previous: StackConfig | undefined): string {
  if (params.TemplateBody !== undefined) return params.TemplateBody;
  if (bool(params, "UsePreviousTemplate")) {
    if (!previous) throw new AwsError("ValidationError", "UsePreviousTemplate is only supported for stacks that have a template");
    return previous.templateBody;
  }
  if (params.TemplateURL !== undefined) {
    throw new AwsError("ValidationError", "TemplateURL must reference a valid S3 object to which you have access.");
  }
  throw new AwsError("ValidationError", "Either Template URL or Template Body must be specified.");
}

function rollbackConfiguration(params: QueryParams, previous: StackConfig | undefined): RollbackConfigurationRecord | undefined {
  const triggers = structList(params, "RollbackConfiguration.RollbackTriggers").map((t) => ({ arn: t.Arn ?? "", type: t.Type ?? "AWS::CloudWatch::Alarm" }));
  const minutes = params["RollbackConfiguration.MonitoringTimeInMinutes"];
  const given = triggers.length > 0 || minutes !== undefined || Object.keys(params).some((k) => k.startsWith("RollbackConfiguration."));
  // AWS keeps a stack's rollback triggers for later updates unless the request specifies new ones.
  if (!given) return previous?.rollbackConfiguration;
  const monitoring = minutes === undefined ? undefined : Number(minutes);
  if (monitoring !== undefined && !(monitoring >= 0 && monitoring <= 180)) {
    throw new AwsError("ValidationError", `1 validation error detected: Value '${minutes}' at 'rollbackConfiguration.monitoringTimeInMinutes' failed to satisfy constraint: Member must have value less than or equal to 180`);
  }
  return { triggers, monitoringTimeInMinutes: monitoring };
}

export function prepareConfig(params: QueryParams, identity: StackIdentity, region: RegionState, previous?: StackConfig): StackConfig {
  const body = templateBody(params, previous);
  const template = parseTemplateBody(body);
  validateTemplate(template);
  const previousValues = previous ? Object.fromEntries(previous.parameters.map((p) => [p.key, p.value])) : undefined;
  const inputs = structList(params, "Parameters").map((p) => ({
    ParameterKey: p.ParameterKey ?? "",
    ParameterValue: p.ParameterValue,
    UsePreviousValue: p.UsePreviousValue === "true",
  }));
  const parameters = resolveParameters(template, inputs, { previous: previousValues, readSsmParameter: (name) => region.ssmParameters[name] });
  const hasNotificationArns = Object.keys(params).some((k) => k.startsWith("NotificationARNs"));
  const notificationArns = hasNotificationArns ? stringList(params, "NotificationARNs") : previous?.notificationArns ?? [];
  const ctx = evaluationContext(template, parameters, identity, region, notificationArns);
  // Rules are evaluated once the parameter values are known and valid, before anything else is checked or changed.
  checkRules(template, { evaluation: ctx, parameters: template.Parameters ?? {}, lookups: ruleLookups(region, identity.region) });
  const capabilities = stringList(params, "Capabilities");
  checkCapabilities(template, capabilities);
  const tags = structList(params, "Tags").map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" }));
  const config: StackConfig = {
    template,
    templateBody: body,
    parameters,
    tags: tags.length > 0 || !previous ? tags : previous.tags,
    capabilities,
    notificationArns,
    rollbackConfiguration: rollbackConfiguration(params, previous),
  };
  checkImports(template, ctx, region);
  const missingSsm = [...literalSsmNames(template.Resources)].find((name) => region.ssmParameters[name] === undefined);
  if (missingSsm !== undefined) throw ssmNotFound(missingSsm);
  return config;
}

function importNames(value: unknown, found: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((item) => importNames(item, found));
  else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "Fn::ImportValue") found.push(child);
      else importNames(child, found);
    }
  }
  return found;
}

/** Parameters, conditions, mappings and pseudo parameters (no resources yet): what Rules and import names may use. */
function evaluationContext(template: Template, parameters: ResolvedParameter[], identity: StackIdentity, region: RegionState, notificationArns: string[]): EvaluationContext {
  const values = new Map(parameters.map((p) => [p.key, parameterRefValue(template.Parameters![p.key], p)]));
  const base = {
    ...identity, accountId: accountOfArn(identity.stackId), notificationArns, parameters: values,
    mappings: template.Mappings ?? {}, resource: () => undefined, importValue: (n: string) => region.exports[n]?.value,
  };
  return { ...base, conditions: evaluateConditions(template.Conditions ?? {}, base) };
}

/** Fn::ImportValue must name an existing export of the region (AWS checks this before starting). */
function checkImports(template: Template, ctx: EvaluationContext, region: RegionState): void {
  const names = importNames({ Resources: template.Resources, Outputs: template.Outputs });
  for (const arg of names) {
    let name: unknown;
    try {
      name = resolveValue(arg, ctx);
    } catch {
      continue;
    }
    if (typeof name === "string" && !region.exports[name]) throw new AwsError("ValidationError", `No export named ${name} found`);
  }
}
