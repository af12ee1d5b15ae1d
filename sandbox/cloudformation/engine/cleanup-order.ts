// Dependencies between resources as their own (possibly older) definitions state them, for deleting them in
// reverse order when the current template no longer describes them.
import { collectReferences, dependsOnList } from "../template/references.ts";
import type { ResourceRecord } from "../state/types.ts";
import { reverseDependencies } from "./graph.ts";

export function deletionOrder(records: ResourceRecord[]): Map<string, Set<string>> {
  const ids = new Set(records.map((r) => r.logicalId));
  const dependencies = new Map<string, Set<string>>();
  for (const record of records) {
    const definition = (record.current ?? record.previous ?? record.discard)?.definition;
    const refs = collectReferences(definition?.Properties ?? {});
    const targets = [...refs.refs, ...refs.getAtts.map((g) => g.resource), ...dependsOnList(definition?.DependsOn)];
    dependencies.set(record.logicalId, new Set(targets.filter((t) => ids.has(t) && t !== record.logicalId)));
  }
  return reverseDependencies(dependencies);
}
