import { AsyncLocalStorage } from "node:async_hooks";

// Which AWS account (and as whom) the SDK clients of lib/aws/clients.ts act in. Callers do not thread a target through
// every AWS function: the domain function or job that knows the environment runs its work inside
// `withAwsTarget(target, fn)` (lib/environments/aws-target.ts builds targets), and clients.ts reads it. Outside one,
// an AWS call fails loudly rather than silently using the console's own account.

export interface AwsTarget {
  /** The environment this is (for messages and the cache key). */
  environment: string;
  accountId: string;
  /** The role to assume with the console's base credentials; null = use the base credentials themselves. */
  roleArn: string | null;
  externalId: string | null;
  sessionDurationSeconds: number;
  /** STS RoleSessionName and SourceIdentity: the signed-in person, so CloudTrail names them. */
  sessionName: string;
  sourceIdentity: string | null;
  /** The CloudFormation service role every change set of this target passes as RoleARN (null: none). */
  serviceRoleArn: string | null;
}

const storage = new AsyncLocalStorage<AwsTarget>();

export function withAwsTarget<T>(target: AwsTarget, fn: () => Promise<T>): Promise<T> {
  return storage.run(target, fn);
}

export function currentAwsTarget(): AwsTarget | undefined {
  return storage.getStore();
}

export class MissingAwsTargetError extends Error {
  constructor() {
    super("AWS call outside an environment target: run it inside withAwsTarget (lib/environments/aws-target.ts).");
    this.name = "MissingAwsTargetError";
  }
}

export function requireAwsTarget(): AwsTarget {
  const target = storage.getStore();
  if (!target) throw new MissingAwsTargetError();
  return target;
}

const SESSION_CHARS = /[^\w+=,.@-]/g;

/** STS allows 2-64 characters of [\w+=,.@-] in RoleSessionName and SourceIdentity; other characters become "-". */
export function stsSessionName(text: string): string {
  const clean = text.replace(SESSION_CHARS, "-").slice(0, 64);
  return clean.length >= 2 ? clean : `${clean}--`.slice(0, 2);
}
