// Builds the evaluation context of a stack configuration: parameters, conditions, mappings, pseudo parameters,
// resources (as far as they exist) and the region's exports.
import { evaluateConditions, type EvaluationContext, type ResourceView } from "../template/intrinsics.ts";
import { parameterRefValue } from "../template/parameters.ts";
import type { RegionState, StackConfig, StackRecord } from "../state/types.ts";

export interface ContextOptions {
  resource?: (logicalId: string) => ResourceView | undefined;
  allowDynamic?: boolean;
  /** Collects the export names the stack imports (so deleting the exporter can be refused). */
  imports?: Set<string>;
}

/** The account of a stack is the one in its ARN (each account's stacks are created by that account's service). */
export function accountOfArn(arn: string): string {
  return arn.split(":")[4] || "000000000000";
}

export function currentResourceView(stack: StackRecord): (logicalId: string) => ResourceView | undefined {
  return (logicalId) => {
    const current = stack.resources[logicalId]?.current;
    return current ? { ref: current.physicalId, attributes: current.attributes } : undefined;
  };
}

export function evaluationContext(stack: StackRecord, config: StackConfig, region: RegionState, options: ContextOptions = {}): EvaluationContext {
  const declared = config.template.Parameters ?? {};
  const parameters = new Map<string, string | string[]>();
  for (const parameter of config.parameters) {
    const definition = declared[parameter.key];
    if (definition) parameters.set(parameter.key, parameterRefValue(definition, parameter));
  }
  const base = {
    region: stack.region,
    accountId: accountOfArn(stack.stackId),
    stackName: stack.stackName,
    stackId: stack.stackId,
    notificationArns: config.notificationArns,
    parameters,
    mappings: config.template.Mappings ?? {},
    resource: options.resource ?? currentResourceView(stack),
    importValue: (name: string) => {
      options.imports?.add(name);
      return region.exports[name]?.value;
    },
    allowDynamic: options.allowDynamic,
  };
  const conditions = evaluateConditions(config.template.Conditions ?? {}, { ...base, resource: () => undefined });
  return { ...base, conditions };
}

/** The logical ids of the resources whose Condition holds (the ones the stack really has). */
export function activeResourceIds(config: StackConfig, ctx: EvaluationContext): string[] {
  return Object.entries(config.template.Resources)
    .filter(([, resource]) => resource.Condition === undefined || ctx.conditions[resource.Condition] === true)
    .map(([logicalId]) => logicalId);
}
