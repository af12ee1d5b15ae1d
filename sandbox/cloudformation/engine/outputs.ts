// Stack outputs and exports: evaluated once resources exist; export names are unique per region and an export
// another stack imports can be neither changed nor removed.
import { resolveValue } from "../template/intrinsics.ts";
import type { RegionState, StackConfig, StackOutputRecord, StackRecord } from "../state/types.ts";
import { evaluationContext } from "./context.ts";

function asOutputString(value: unknown): string {
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function evaluateOutputs(stack: StackRecord, config: StackConfig, region: RegionState): StackOutputRecord[] {
  const ctx = evaluationContext(stack, config, region);
  const outputs: StackOutputRecord[] = [];
  for (const [key, output] of Object.entries(config.template.Outputs ?? {})) {
    if (output.Condition && !ctx.conditions[output.Condition]) continue;
    outputs.push({
      key,
      value: asOutputString(resolveValue(output.Value, ctx)),
      description: output.Description === undefined ? undefined : String(resolveValue(output.Description, ctx)),
      exportName: output.Export ? asOutputString(resolveValue(output.Export.Name, ctx)) : undefined,
    });
  }
  return outputs;
}

export function importersOf(region: RegionState, exportName: string, except?: string): string[] {
  return Object.values(region.stacks)
    .filter((s) => s.stackId !== except && s.status !== "DELETE_COMPLETE" && (s.imports ?? []).includes(exportName))
    .map((s) => s.stackName);
}

/** Why the new outputs cannot be published, or undefined when they can. */
export function exportConflict(stack: StackRecord, outputs: StackOutputRecord[], region: RegionState): string | undefined {
  const next = new Map(outputs.filter((o) => o.exportName).map((o) => [o.exportName!, o.value]));
  for (const [name, value] of next) {
    const owner = region.exports[name];
    if (owner && owner.stackId !== stack.stackId) {
      return `Export with name ${name} is already exported by stack ${region.stacks[owner.stackId]?.stackName ?? owner.stackId}`;
    }
    if (owner && owner.value !== value && importersOf(region, name, stack.stackId).length > 0) {
      return `Export ${name} cannot be updated as it is in use by ${importersOf(region, name, stack.stackId).join(", ")}`;
    }
  }
  for (const [name, owner] of Object.entries(region.exports)) {
    if (owner.stackId === stack.stackId && !next.has(name) && importersOf(region, name, stack.stackId).length > 0) {
      return `Export ${name} cannot be deleted as it is in use by ${importersOf(region, name, stack.stackId).join(", ")}`;
    }
  }
  return undefined;
}

export function publishOutputs(stack: StackRecord, outputs: StackOutputRecord[], region: RegionState): void {
  stack.outputs = outputs;
  for (const [name, owner] of Object.entries(region.exports)) {
    if (owner.stackId === stack.stackId) delete region.exports[name];
  }
  for (const output of outputs) {
    if (output.exportName) region.exports[output.exportName] = { stackId: stack.stackId, value: output.value };
  }
}
