import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { ECSClient } from "@aws-sdk/client-ecs";
import { callBudgetPlugin } from "./call-budget-context.ts";

// One SDK client per service and region per process. The endpoint comes from the SDK's standard configuration
// (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_CLOUDFORMATION, ...), so the sandbox, LocalStack and real AWS take exactly
// the same code path. Retries: the SDK's standard mode (exponential backoff with jitter, throttling-aware). Every
// attempt is counted against the shared AWS call budget (call-budget-context.ts).
const MAX_ATTEMPTS = Number(process.env.AWS_MAX_ATTEMPTS ?? 4);
// Every attempt ends within a bounded time (4 attempts and the SDK's backoff stay well under the reconciler's
// 5-minute staleness), so the reconciler never settles an intent whose call is still on the wire.
const requestHandler = { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true };

const cache = new Map<string, unknown>();

function cached<T>(key: string, create: () => T): T {
  if (!cache.has(key)) cache.set(key, create());
  return cache.get(key) as T;
}

export const defaultRegion = () => process.env.AWS_REGION ?? "us-east-1";

export function cloudFormationClient(region = defaultRegion()): CloudFormationClient {
  return cached(`cfn:${region}`, () => budgeted(new CloudFormationClient({ region, maxAttempts: MAX_ATTEMPTS, requestHandler }), "cloudformation", region));
}

export function cloudWatchClient(region = defaultRegion()): CloudWatchClient {
  return cached(`cw:${region}`, () => budgeted(new CloudWatchClient({ region, maxAttempts: MAX_ATTEMPTS, requestHandler }), "cloudwatch", region));
}

export function ecsClient(region = defaultRegion()): ECSClient {
  return cached(`ecs:${region}`, () => budgeted(new ECSClient({ region, maxAttempts: MAX_ATTEMPTS, requestHandler }), "ecs", region));
}

function budgeted<C extends { middlewareStack: { use(plugin: ReturnType<typeof callBudgetPlugin>): void } }>(client: C, service: Parameters<typeof callBudgetPlugin>[0], region: string): C {
  client.middlewareStack.use(callBudgetPlugin(service, region));
  return client;
}
