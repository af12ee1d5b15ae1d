// The changes an update would make, as a change set describes them (Action, Replacement, Scope, Details).
// Values that depend on resources being added, replaced or modified are unknown before execution: they are
// reported with Evaluation Dynamic, as AWS does.
import { DYNAMIC_PREFIX, resolveValue, type ResourceView } from "../template/intrinsics.ts";
import { collectReferences } from "../template/references.ts";
import { resourceDependencies } from "../template/validate.ts";
import { topologicalOrder } from "../template/references.ts";
import { requiresRecreation } from "../spec.ts";
import { activeResourceIds, evaluationContext } from "../engine/context.ts";
import type { RegionState, ResourceChangeDetailRecord, ResourceChangeRecord, StackConfig, StackRecord } from "../state/types.ts";
import { changedPropertyNames, replacementOf, sameValue } from "./classify.ts";

const isDynamic = (value: unknown) => JSON.stringify(value ?? null).includes(DYNAMIC_PREFIX);

function dynamicAttributes(logicalId: string): Record<string, unknown> {
  return new Proxy({}, { get: (_target, attribute) => `${DYNAMIC_PREFIX}GetAtt:${logicalId}.${String(attribute)}}}` });
}

export function planChanges(stack: StackRecord, config: StackConfig, region: RegionState): ResourceChangeRecord[] {
  const newOrReplaced = new Set<string>();
  const modified = new Set<string>();
  const view = (logicalId: string): ResourceView | undefined => {
    const current = stack.resources[logicalId]?.current;
    if (!current || newOrReplaced.has(logicalId)) return undefined;
    return { ref: current.physicalId, attributes: modified.has(logicalId) ? dynamicAttributes(logicalId) : current.attributes };
  };
  const ctx = evaluationContext(stack, config, region, { resource: view, allowDynamic: true });
  const active = activeResourceIds(config, ctx);
  const order = topologicalOrder(resourceDependencies(config.template, (id) => active.includes(id))).order ?? active;
  const previousValues = new Map((stack.config?.parameters ?? []).map((p) => [p.key, p.value]));
  const changedParameters = new Set(config.parameters.filter((p) => previousValues.get(p.key) !== p.value).map((p) => p.key));
  const changes: ResourceChangeRecord[] = [];
  for (const logicalId of order) {
    const definition = config.template.Resources[logicalId];
    const record = stack.resources[logicalId];
    if (!record?.current || record.status === "DELETE_COMPLETE") {
      newOrReplaced.add(logicalId);
      changes.push({ action: "Add", logicalId, resourceType: definition.Type, scope: [], details: [] });
      continue;
    }
    const props = resolveValue(definition.Properties ?? {}, ctx) as Record<string, unknown>;
    const details: ResourceChangeDetailRecord[] = [];
    for (const name of changedPropertyNames(record.current.properties, props)) {
      const raw = { before: record.current.definition.Properties?.[name], after: definition.Properties?.[name] };
      details.push(...propertyDetails(definition.Type, name, raw, isDynamic(props[name]), { newOrReplaced, modified, changedParameters }));
    }
    if (!sameValue(record.current.definition.Metadata, definition.Metadata)) {
      details.push({ target: { attribute: "Metadata" }, evaluation: "Static", changeSource: "DirectModification" });
    }
    if (details.length === 0) continue;
    const replacement = replacementOf(details.map((d) => ({ requiresRecreation: d.target.requiresRecreation as never, evaluation: d.evaluation })));
    (replacement === "False" ? modified : newOrReplaced).add(logicalId);
    const scope = ["Properties", "Metadata", "Tags"].filter((attribute) => details.some((d) => d.target.attribute === attribute));
    changes.push({ action: "Modify", logicalId, physicalId: record.current.physicalId, resourceType: definition.Type, replacement, scope, details });
  }
  for (const record of Object.values(stack.resources)) {
    if (!record.current || record.status === "DELETE_COMPLETE" || active.includes(record.logicalId)) continue;
    changes.push({ action: "Remove", logicalId: record.logicalId, physicalId: record.current.physicalId, resourceType: record.type, scope: [], details: [] });
  }
  return changes;
}

interface Causes {
  newOrReplaced: Set<string>;
  modified: Set<string>;
  changedParameters: Set<string>;
}

function propertyDetails(type: string, name: string, raw: { before: unknown; after: unknown }, dynamic: boolean, causes: Causes): ResourceChangeDetailRecord[] {
  const attribute = name === "Tags" ? "Tags" : "Properties";
  const target = attribute === "Tags" ? { attribute, requiresRecreation: "Never" } : { attribute, name, requiresRecreation: requiresRecreation(type, name) };
  if (!sameValue(raw.before, raw.after)) {
    return [{ target, evaluation: dynamic ? "Dynamic" : "Static", changeSource: "DirectModification" }];
  }
  const refs = collectReferences(raw.after);
  const details: ResourceChangeDetailRecord[] = [];
  for (const ref of refs.refs) {
    if (causes.changedParameters.has(ref)) details.push({ target, evaluation: "Static", changeSource: "ParameterReference", causingEntity: ref });
    else if (causes.newOrReplaced.has(ref)) details.push({ target, evaluation: "Dynamic", changeSource: "ResourceReference", causingEntity: ref });
  }
  for (const { resource, attribute: att } of refs.getAtts) {
    if (causes.newOrReplaced.has(resource) || causes.modified.has(resource)) {
      details.push({ target, evaluation: "Dynamic", changeSource: "ResourceAttribute", causingEntity: `${resource}.${att}` });
    }
  }
  return details.length > 0 ? details : [{ target, evaluation: dynamic ? "Dynamic" : "Static", changeSource: "DirectModification" }];
}

/** True when an update with `config` would change nothing at all ("No updates are to be performed."). */
export function isNoOpUpdate(stack: StackRecord, config: StackConfig, changes: ResourceChangeRecord[]): boolean {
  const previous = stack.config!;
  return changes.length === 0 &&
    sameValue(previous.template.Outputs ?? {}, config.template.Outputs ?? {}) &&
    sameValue(previous.parameters.map((p) => [p.key, p.value]), config.parameters.map((p) => [p.key, p.value])) &&
    sameValue(previous.tags, config.tags) &&
    sameValue(previous.template.Description, config.template.Description);
}
