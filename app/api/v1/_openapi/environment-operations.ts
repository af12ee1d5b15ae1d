import { z } from "zod";
import { adoptBodySchema, stackNameSchema } from "../stacks/schema";
import { environmentTargetBodySchema } from "../environments/schema";
import type { ApiOperation } from "./operation";
import { stackDetail } from "./responses";

// Issue 14: environments are AWS accounts.

const arn = z.string().nullable();
const environmentItem = z.strictObject({
  key: z.string(), name: z.string(), accountId: z.string().describe("12 digits"), region: z.string(),
  roleArn: arn.describe("the role the console assumes there (null: its own credentials)"),
  serviceRoleArn: arn.describe("passed to CloudFormation as RoleARN on every change set"), requiresApproval: z.boolean(),
});
const target = z.object({
  environment: z.string(), accountId: z.string(), region: z.string(), regions: z.array(z.string()), roleArn: arn, externalIdSet: z.boolean(),
  sessionDurationSeconds: z.int(), serviceRoleArn: arn, source: z.enum(["profile", "console"]),
});
const connectionTest = z.strictObject({
  ok: z.boolean(),
  identity: z.strictObject({ account: z.string(), arn: z.string(), userId: z.string() }).nullable().describe("GetCallerIdentity of the assumed role"),
  accountMatches: z.boolean(),
  serviceRole: z.strictObject({ arn, inAccount: z.boolean(), note: z.string() }),
  error: z.string().nullable(),
});
const key = { key: { schema: z.string().min(1).max(40), description: "the environment's key, e.g. production" } };
const stackName = { name: { schema: stackNameSchema.shape.stackName, description: "the stack's name" } };
const write = ["validation_failed", "unauthorized", "forbidden", "not_found", "conflict", "unsupported_media_type", "payload_too_large"] as const;

export const ENVIRONMENT_OPERATIONS: ApiOperation[] = [
  {
    method: "get", path: "/api/v1/environments", tag: "Environments", summary: "List environments", access: "any signed-in user or token (the environments they have a role in)",
    success: { status: 200, description: "Each environment's AWS account, region and roles (no secrets).", schema: z.strictObject({ items: z.array(environmentItem) }) },
    errors: ["unauthorized"],
  },
  {
    method: "put", path: "/api/v1/environments/{key}", tag: "Environments", summary: "Set an environment's AWS target", access: "admin",
    description: "Account, region, the role to assume (with an optional external id and session duration) and CloudFormation's service role. Audited as environment.target_updated. The account cannot change while the environment has stacks.",
    pathParams: key,
    body: {
      schema: environmentTargetBodySchema,
      examples: { production: { summary: "Production in its own account", value: { accountId: "222222222222", region: "us-east-1", roleArn: "arn:aws:iam::222222222222:role/stackdeck-console", sessionDurationSeconds: 3600, serviceRoleArn: "arn:aws:iam::222222222222:role/stackdeck-cloudformation" } } },
    },
    success: { status: 200, description: "The environment's target as now in effect.", schema: target }, errors: [...write],
  },
  {
    method: "post", path: "/api/v1/environments/{key}/test-connection", tag: "Environments", summary: "Test an environment's connection", access: "admin",
    description: "Assumes the environment's role (the session named after the caller) and calls GetCallerIdentity; checks that the service role is a role of that account. Changes nothing.",
    pathParams: key, success: { status: 200, description: "What AWS answered.", schema: connectionTest }, errors: ["unauthorized", "forbidden", "not_found"],
  },
  {
    method: "post", path: "/api/v1/stacks/{name}/adopt", tag: "Stacks", summary: "Adopt an unmanaged stack", access: "admin in the stack's environment",
    description: "Makes a stack found in the environment's account a managed stack of a catalog template when its resources (logical ids and types) match; its current parameters become its first version. 409 says why not.",
    pathParams: stackName,
    body: { schema: adoptBodySchema, examples: { network: { summary: "Adopt as the network template", value: { template: "network" } } } },
    success: { status: 200, description: "The stack, now managed.", schema: stackDetail }, errors: [...write],
  },
];
