import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { ECSClient } from "@aws-sdk/client-ecs";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { callBudgetPlugin } from "./call-budget-context.ts";
import { assumedRoleCredentials, credentialsCacheKey } from "./credentials.ts";
import { requireAwsTarget, type AwsTarget } from "./target-context.ts";

// One SDK client per (environment target, service, region) per process, acting in the target's account
// (target-context.ts) with its assumed role's credentials (credentials.ts). The endpoint comes from the SDK's standard
// configuration (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_CLOUDFORMATION, ...), so the sandbox, LocalStack and real AWS take
// exactly the same code path. Retries: the SDK's standard mode (exponential backoff with jitter, throttling-aware).
// Every attempt is counted against the shared AWS call budget of the target's account (call-budget-context.ts).
const MAX_ATTEMPTS = Number(process.env.AWS_MAX_ATTEMPTS ?? 4);
// Every attempt ends within a bounded time (4 attempts and the SDK's backoff stay well under the reconciler's
// 5-minute staleness), so the reconciler never settles an intent whose call is still on the wire.
const requestHandler = { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true };
/** People's sessions make one client set each; beyond this many, the oldest are dropped (and destroyed). */
const MAX_CLIENTS = 300;

const clients = new Map<string, { destroy(): void }>();
const credentials = new Map<string, AwsCredentialIdentityProvider>();

function cached<T extends { destroy(): void }>(service: string, region: string, create: (target: AwsTarget, creds: AwsCredentialIdentityProvider | undefined) => T): T {
  const target = requireAwsTarget();
  const credentialsKey = credentialsCacheKey(target, region);
  const key = `${service}|${credentialsKey}`;
  const hit = clients.get(key);
  if (hit) return hit as T;
  let creds = credentials.get(credentialsKey);
  if (!creds && target.roleArn) credentials.set(credentialsKey, (creds = assumedRoleCredentials({ ...target, roleArn: target.roleArn }, region)));
  const client = create(target, creds);
  clients.set(key, client);
  if (clients.size > MAX_CLIENTS) {
    const [oldestKey, oldest] = clients.entries().next().value!;
    clients.delete(oldestKey);
    oldest.destroy();
  }
  return client;
}

export const defaultRegion = () => process.env.AWS_REGION ?? "us-east-1";

const config = (region: string, creds: AwsCredentialIdentityProvider | undefined) =>
  ({ region, maxAttempts: MAX_ATTEMPTS, requestHandler, ...(creds ? { credentials: creds } : {}) });

export function cloudFormationClient(region = defaultRegion()): CloudFormationClient {
  return cached("cfn", region, (target, creds) => budgeted(new CloudFormationClient(config(region, creds)), "cloudformation", region, target));
}

export function cloudWatchClient(region = defaultRegion()): CloudWatchClient {
  return cached("cw", region, (target, creds) => budgeted(new CloudWatchClient(config(region, creds)), "cloudwatch", region, target));
}

export function ecsClient(region = defaultRegion()): ECSClient {
  return cached("ecs", region, (target, creds) => budgeted(new ECSClient(config(region, creds)), "ecs", region, target));
}

/** STS as the target sees it (GetCallerIdentity of the assumed role, for "Test connection"). Not budgeted: rare. */
export function stsClient(region = defaultRegion()): STSClient {
  return cached("sts", region, (_target, creds) => new STSClient(config(region, creds)));
}

function budgeted<C extends { middlewareStack: { use(plugin: ReturnType<typeof callBudgetPlugin>): void } }>(client: C, service: Parameters<typeof callBudgetPlugin>[0], region: string, target: AwsTarget): C {
  client.middlewareStack.use(callBudgetPlugin(service, region, target.accountId));
  return client;
}
