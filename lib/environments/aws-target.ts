import type { Db } from "../db/client.ts";
import { stsSessionName, withAwsTarget, type AwsTarget } from "../aws/target-context.ts";
import { getEnvironmentTarget, type EnvironmentTarget } from "./targets.ts";

// The wrappers that put AWS work into the right account: a domain function or job that knows its environment (or a
// stack or deployment of one) runs its AWS calls inside one of these. Who the calls are made as: the signed-in person
// (STS session name and source identity, so the target account's CloudTrail names them), or the worker for jobs.

export interface TargetIdentity {
  email: string;
}

export const WORKER_SESSION = "stackdeck-worker";

export function awsTargetOf(target: EnvironmentTarget, who: TargetIdentity | null): AwsTarget {
  const sessionName = stsSessionName(who?.email ?? WORKER_SESSION);
  return {
    environment: target.environment,
    accountId: target.accountId,
    roleArn: target.roleArn,
    externalId: target.externalId,
    sessionDurationSeconds: target.sessionDurationSeconds,
    sessionName,
    sourceIdentity: sessionName,
    serviceRoleArn: target.serviceRoleArn,
  };
}

export async function withEnvironmentTarget<T>(db: Db, environmentKey: string, who: TargetIdentity | null, fn: (target: EnvironmentTarget) => Promise<T>): Promise<T> {
  const target = await getEnvironmentTarget(db, environmentKey);
  return withAwsTarget(awsTargetOf(target, who), () => fn(target));
}

/**
 * By the stack's name or id (a managed stack row). Without such a row `fn` runs outside any target: it answers
 * "not found" its own way, and an AWS call it made anyway would fail (MissingAwsTargetError) instead of guessing.
 */
export async function withStackTarget<T>(db: Db, stack: { name: string } | { id: string }, who: TargetIdentity | null, fn: () => Promise<T>): Promise<T> {
  const row = await db.stack.findUnique({ where: "id" in stack ? { id: stack.id } : { name: stack.name }, select: { environment: { select: { key: true } } } });
  return row ? withEnvironmentTarget(db, row.environment.key, who, fn) : fn();
}

/** By a deployment's id (its stack's environment); as withStackTarget when there is no such deployment. */
export async function withDeploymentTarget<T>(db: Db, deploymentId: string, who: TargetIdentity | null, fn: () => Promise<T>): Promise<T> {
  const row = UUID.test(deploymentId)
    ? await db.deployment.findUnique({ where: { id: deploymentId }, select: { stack: { select: { environment: { select: { key: true } } } } } })
    : null;
  return row ? withEnvironmentTarget(db, row.stack.environment.key, who, fn) : fn();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
