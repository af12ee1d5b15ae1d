import type { StackEventDto } from "@/lib/deployments/types";
import { Badge } from "@/components/ui/badge";
import { resourceStatusTone } from "./status";

/** Each resource's latest status, from the events seen so far (the stack itself excluded). */
export function ResourceStatusList({ events }: { events: StackEventDto[] }) {
  const latest = new Map<string, StackEventDto>();
  for (const e of events) if (e.resourceType !== "AWS::CloudFormation::Stack") latest.set(e.logicalId, e);
  if (!latest.size) return null;
  return (
    <section aria-labelledby="resources-heading">
      <h2 id="resources-heading" className="mb-2 text-base font-semibold">Resources</h2>
      <ul className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
        {[...latest.values()].sort((a, b) => a.logicalId.localeCompare(b.logicalId)).map((e) => (
          <li key={e.logicalId} className="flex items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2">
            <span className="min-w-0">
              <span className="block truncate font-mono text-xs">{e.logicalId}</span>
              <span className="block truncate text-[11px] text-slate-500">{e.resourceType}</span>
            </span>
            <Badge tone={resourceStatusTone(e.status)}>{e.status}</Badge>
          </li>
        ))}
      </ul>
    </section>
  );
}
