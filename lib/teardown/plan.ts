import type { Db } from "../db/client.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import { describeStack } from "../aws/cloudformation.ts";
import { isDataStore } from "../aws/cloudformation-types.ts";
import { parsedVersion } from "../templates/analyze.ts";
import { checkUpstream } from "../deployments/upstream.ts";
import { stackFacts } from "../deployments/stack-summaries.ts";
import type { Prisma } from "../db/generated/client.ts";

// What a run tears down, decided when its window opens: the stacks in scope with what they were last deployed with
// (to recreate them), what they need (the catalog's DependsOn and imported exports: deleted after, recreated
// before), their retained data stores, their hourly cost, and which must stay: termination protection, or needed
// by a stack that stays (CloudFormation would refuse to delete an export in use).

const HOURS_PER_MONTH = 730;

export type PlannedItem = Omit<Prisma.TeardownItemCreateManyInput, "runId">;

export async function planTeardown(db: Db, environment: EnvironmentSummary & { id: string }, stackName: string | null): Promise<PlannedItem[]> {
  const live = await db.stack.findMany({
    where: { environmentId: environment.id, deletedAt: null, status: { not: null } },
    orderBy: { name: "asc" },
    select: {
      id: true, name: true, templateName: true, region: true,
      deployments: {
        where: { status: "succeeded", action: { in: ["create", "update", "rollback"] } }, orderBy: { createdAt: "desc" }, take: 1,
        select: { parameters: true, templateVersion: { select: { sha256: true, body: true } } },
      },
    },
  });
  const needsOf = new Map<string, string[]>();
  for (const s of live) {
    const { upstream } = await checkUpstream(db, { environment, template: s.templateName });
    needsOf.set(s.name, upstream.map((u) => u.stackName).filter((n) => n !== s.name && live.some((l) => l.name === n)));
  }
  const inScope = live.filter((s) => stackName === null || s.name === stackName);
  const facts = await stackFacts(db, inScope.map((s) => s.id));
  const stays = new Map<string, string>(); // stack -> why it stays
  for (const s of inScope) {
    const described = await describeStack(s.region, s.name);
    if (described?.terminationProtection) stays.set(s.name, "termination protection is on");
  }
  // Anything a staying stack (in scope or not) needs stays too, transitively.
  const scopeNames = new Set(inScope.map((s) => s.name));
  const staying = () => [...live.filter((s) => !scopeNames.has(s.name)).map((s) => s.name), ...stays.keys()];
  for (let changed = true; changed; ) {
    changed = false;
    for (const keeper of staying()) {
      for (const need of needsOf.get(keeper) ?? []) {
        if (scopeNames.has(need) && !stays.has(need)) {
          stays.set(need, `needed by ${keeper}, which stays`);
          changed = true;
        }
      }
    }
  }
  return inScope.map((s) => {
    const last = s.deployments[0];
    const monthly = facts.get(s.id)?.monthlyEstimate ?? 0;
    return {
      stackName: s.name,
      templateName: s.templateName,
      parameters: (last?.parameters ?? {}) as Prisma.InputJsonValue,
      needs: (needsOf.get(s.name) ?? []).filter((n) => scopeNames.has(n)),
      retained: last?.templateVersion ? retainedDataStores(last.templateVersion.sha256, last.templateVersion.body) : [],
      hourlyCost: monthly / HOURS_PER_MONTH,
      state: stays.has(s.name) ? "skipped" : "pending",
      reason: stays.get(s.name) ?? null,
    };
  });
}

/** Data stores CloudFormation keeps (Retain) or snapshots (Snapshot) when the stack is deleted, named for the user. */
export function retainedDataStores(sha256: string, body: string): string[] {
  const doc = parsedVersion(sha256, body).document;
  return Object.entries(doc.Resources ?? {})
    .filter(([, r]) => (r.DeletionPolicy === "Retain" || r.DeletionPolicy === "Snapshot" || r.DeletionPolicy === "RetainExceptOnCreate") && isDataStore(r.Type))
    .map(([id, r]) => `${id} (${r.Type}, ${r.DeletionPolicy === "Snapshot" ? "snapshot kept" : "kept"})`);
}
