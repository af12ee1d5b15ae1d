import type { Db } from "../db/client.ts";
import { parsedVersion } from "../templates/analyze.ts";
import type { ResourceChange } from "../deployments/types.ts";

// Whether a previewed update changes what the stack exports: a replaced (or removed) resource that an exported
// output refers to gets a new id, so stacks importing it must be previewed again once it is applied.

export async function exportsChange(db: Db, deploymentId: string): Promise<boolean> {
  const d = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { changes: true, templateVersion: { select: { sha256: true, body: true } } } });
  if (!d.templateVersion) return false;
  const doc = parsedVersion(d.templateVersion.sha256, d.templateVersion.body).document;
  const exported = Object.values(doc.Outputs ?? {}).filter((o) => o.Export).map((o) => JSON.stringify(o.Value));
  const changes = d.changes as unknown as ResourceChange[];
  return changes.some((c) => (c.replacement === "True" || c.replacement === "Conditional" || c.action === "Remove" || c.action === "Add")
    && exported.some((text) => new RegExp(`"${c.logicalId}(\\.|")`).test(text)));
}
