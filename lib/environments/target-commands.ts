import type { Db } from "../db/client.ts";
import { AppError, notFound } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { recordAudit, type RequestMeta } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import { getEnvironmentTarget, type EnvironmentTarget } from "./targets.ts";
import { environmentTargetSchema, type EnvironmentTargetInput } from "./schema.ts";

// An admin's edit of an environment's AWS target: stored over the profile's (environment_aws_targets), audited
// as environment.target_updated with before and after. The account cannot move while the console manages live
// stacks there: they would be looked for in the new account and seem gone.

export async function updateEnvironmentTarget(
  db: Db,
  { actor, input: raw, meta }: { actor: Actor; input: EnvironmentTargetInput & { environment: string }; meta?: RequestMeta },
): Promise<EnvironmentTarget> {
  assertCan(actor, "environment:configure");
  const { environment: key, ...rest } = raw as EnvironmentTargetInput & { environment: string };
  const input = parseInput(environmentTargetSchema, rest);
  const environment = await db.environment.findUnique({ where: { key: String(key) }, select: { id: true, key: true } });
  if (!environment) throw notFound(`Environment "${key}"`);
  return db.$transaction(async (tx) => {
    const before = await getEnvironmentTarget(tx, environment.key);
    if (before.accountId !== input.accountId) {
      const live = await tx.stack.count({ where: { environmentId: environment.id, deletedAt: null, status: { not: null } } });
      if (live > 0) {
        throw new AppError("conflict", `${environment.key} has ${live} stack(s) in account ${before.accountId}; delete them before moving the environment to account ${input.accountId}.`, {
          accountId: [`The environment's stacks live in ${before.accountId}.`],
        });
      }
    }
    const data = {
      accountId: input.accountId, region: input.region, roleArn: input.roleArn ?? null, externalId: input.externalId ?? null,
      sessionDurationSeconds: input.sessionDurationSeconds, serviceRoleArn: input.serviceRoleArn ?? null, updatedById: actor.userId,
    };
    await tx.environmentAwsTarget.upsert({ where: { environmentId: environment.id }, create: { environmentId: environment.id, ...data }, update: data });
    const after = await getEnvironmentTarget(tx, environment.key);
    await recordAudit(tx, {
      actor, action: "environment.target_updated", target: { type: "environment", id: environment.key }, environment: environment.key, meta,
      details: { before: auditView(before), after: auditView(after) },
    });
    return after;
  });
}

/** What the audit keeps: whether an external id is set, never the id itself. */
function auditView(t: EnvironmentTarget) {
  return {
    accountId: t.accountId, region: t.region, roleArn: t.roleArn, externalIdSet: t.externalId !== null,
    sessionDurationSeconds: t.sessionDurationSeconds, serviceRoleArn: t.serviceRoleArn, source: t.source,
  };
}
