import { structuredPatch } from "diff";
import type { Db } from "../db/client.ts";

export interface TemplateDiff {
  fromVersion: string; // sha256 prefixes
  toVersion: string;
  hunks: { oldStart: number; newStart: number; lines: string[] }[];
}

/**
 * The template source change a deployment brings, against the version the stack last deployed successfully;
 * null when the version is the same (a parameter-only change) or there is nothing to compare with (a new stack).
 * Read with the deployment (whose access was already checked by the caller).
 */
export async function templateDiffFor(db: Db, deploymentId: string): Promise<TemplateDiff | null> {
  const d = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: { stackId: true, createdAt: true, templateVersion: { select: { id: true, sha256: true, body: true } } },
  });
  if (!d?.templateVersion) return null;
  const previous = await db.deployment.findFirst({
    where: { stackId: d.stackId, status: "succeeded", createdAt: { lt: d.createdAt }, templateVersionId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { templateVersion: { select: { id: true, sha256: true, body: true } } },
  });
  const from = previous?.templateVersion;
  if (!from || from.id === d.templateVersion.id) return null;
  const patch = structuredPatch("deployed", "this change", from.body, d.templateVersion.body, undefined, undefined, { context: 3 });
  return {
    fromVersion: from.sha256.slice(0, 10),
    toVersion: d.templateVersion.sha256.slice(0, 10),
    hunks: patch.hunks.map((h) => ({ oldStart: h.oldStart, newStart: h.newStart, lines: h.lines })),
  };
}
