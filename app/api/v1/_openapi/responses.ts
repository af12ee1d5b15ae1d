import { z } from "zod";
import type { ApprovalView, DeploymentWithApproval } from "@/lib/approvals/types";
import type { AlarmPage, AlarmStateChangeDto, AlarmSummary, StackAlarmItem, StackAlarms } from "@/lib/alarms/types";
import type { CostDelta, DeploymentDetail, DeploymentSummary, ResourceChange, StackDetail, StackEventDto, StackSummary } from "@/lib/deployments/types";
import { DEPLOYMENT_STATUSES } from "@/lib/deployments/types";
import type { Estimate } from "@/lib/cost/types";
import { stackDrift } from "./day2-responses";

// What the v1 API answers, as zod schemas: the OpenAPI document is generated from them, and e2e/api-reference.spec.ts
// parses real responses with them (strict objects: an undocumented field fails). `satisfies` ties each schema to
// the DTO the domain returns, so a field added there without documenting it here fails the type check.

const iso = z.iso.datetime({ offset: true }).describe("ISO 8601 time (UTC)");
const email = z.string().describe("a user's email");
const status = z.enum(DEPLOYMENT_STATUSES);
const action = z.enum(["create", "update", "rollback", "delete"]);

export const deploymentSummary = z.strictObject({
  id: z.uuid(),
  stackName: z.string(),
  environment: z.string(),
  templateName: z.string(),
  action,
  status: status.describe("previewing → ready → (awaiting_approval →) executing → deploying (→ cancelling) → succeeded | failed | rolled_back | cancelled | rejected"),
  requestedBy: email,
  createdAt: iso,
  startedAt: iso.nullable(),
  finishedAt: iso.nullable(),
  resultReason: z.string().nullable().describe("why it ended as it did (failed, rejected, rolled back, no changes)"),
  resourcesTotal: z.int(),
  resourcesDone: z.int(),
  breakGlass: z.boolean().describe("executed by an admin without approval (emergency access)"),
}) satisfies z.ZodType<DeploymentSummary>;

const resourceChange = z.strictObject({
  action: z.enum(["Add", "Modify", "Remove", "Import", "Dynamic"]),
  logicalId: z.string(),
  physicalId: z.string().nullable(),
  resourceType: z.string(),
  replacement: z.enum(["True", "False", "Conditional"]).nullable(),
  scope: z.array(z.string()),
  details: z.array(z.strictObject({ attribute: z.string(), name: z.string().nullable(), requiresRecreation: z.string().nullable(), changeSource: z.string().nullable() })),
  dataStore: z.boolean().describe("RDS, ElastiCache, S3…: a replacement can lose data"),
}) satisfies z.ZodType<ResourceChange>;

const costDelta = z.strictObject({
  currency: z.literal("USD"),
  before: z.number(),
  after: z.number(),
  monthlyDelta: z.number(),
  lines: z.array(z.strictObject({ logicalId: z.string(), type: z.string(), change: z.enum(["added", "removed", "changed"]), before: z.number(), after: z.number(), delta: z.number() })),
}) satisfies z.ZodType<CostDelta>;

export const deploymentDetail = deploymentSummary.extend({
  stackStatus: z.string().nullable().describe("the CloudFormation stack status"),
  templateVersion: z.strictObject({ id: z.uuid(), sha256: z.string(), createdAt: iso }).nullable(),
  parameters: z.record(z.string(), z.string()).describe("values as deployed; NoEcho values are ****"),
  parameterDiff: z.array(z.strictObject({ name: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  changeSetId: z.string().nullable(),
  changes: z.array(resourceChange),
  costDelta: costDelta.nullable(),
  rollbackToId: z.uuid().nullable(),
  autoExecute: z.boolean().describe("applied as soon as the preview is ready (where approval is required: as soon as the last approval lands)"),
  executedBy: email.nullable(),
  note: z.string().nullable(),
  breakGlassReason: z.string().nullable(),
  eventsCount: z.int(),
  progress: z.strictObject({ done: z.int(), total: z.int(), percent: z.int() }),
  durationSeconds: z.int().nullable(),
}) satisfies z.ZodType<DeploymentDetail>;

const approvalView = z.strictObject({
  id: z.uuid(),
  deploymentId: z.uuid(),
  status: z.enum(["pending", "approved", "rejected"]),
  requestedBy: email,
  reason: z.string(),
  createdAt: iso,
  expiresAt: iso,
  expired: z.boolean(),
  approvalsRequired: z.int(),
  approvals: z.int(),
  decisions: z.array(z.strictObject({ by: email, approved: z.boolean(), comment: z.string().describe("the approver's words"), at: iso })),
}) satisfies z.ZodType<ApprovalView>;

export const deploymentWithApproval = deploymentDetail.extend({
  requiresApproval: z.boolean().describe("the environment needs approval before a change is applied"),
  approval: approvalView.nullable().describe("the approval request, once sent to the approvers"),
}) satisfies z.ZodType<DeploymentWithApproval>;

export const stackEvent = z.strictObject({
  id: z.string().describe("our sequence number (the SSE id; send it back as Last-Event-ID or ?after=)"),
  eventId: z.string(),
  timestamp: iso,
  logicalId: z.string(),
  physicalId: z.string().nullable(),
  resourceType: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
}) satisfies z.ZodType<StackEventDto>;

export const liveState = z.strictObject({
  status,
  resourcesDone: z.int(),
  resourcesTotal: z.int(),
  eventsCount: z.int(),
  resultReason: z.string().nullable(),
  startedAt: iso.nullable(),
  finishedAt: iso.nullable(),
});

export const eventsPage = z.strictObject({ events: z.array(stackEvent), nextAfter: z.string(), deployment: liveState.nullable() });

export const page = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), nextCursor: z.string().nullable().describe("pass back as cursor for the next page") });

export const stackSummary = z.strictObject({
  name: z.string(),
  environment: z.string(),
  templateName: z.string().nullable().describe("null for a stack the console does not manage"),
  status: z.string().nullable(),
  statusReason: z.string().nullable(),
  deleted: z.boolean(),
  monthlyEstimate: z.number().nullable().describe("USD per month, as last deployed"),
  lastDeployment: z.strictObject({ id: z.uuid(), action, status, by: email, at: iso }).nullable(),
  accountId: z.string().regex(/^\d{12}$/).describe("the AWS account the stack lives in"),
  region: z.string(),
  stackId: z.string().nullable().describe("the stack's ARN (null before CloudFormation created it)"),
  managed: z.boolean().describe("false for a stack found in the account that the console does not manage (read-only; admins may adopt it)"),
}) satisfies z.ZodType<StackSummary>;

export const stackDetail = stackSummary.extend({
  awsStackId: z.string().nullable(),
  parameters: z.record(z.string(), z.string()),
  outputs: z.array(z.strictObject({ key: z.string(), value: z.string(), description: z.string().nullable(), exportName: z.string().nullable() })),
  resources: z.array(z.strictObject({ logicalId: z.string(), physicalId: z.string().nullable(), resourceType: z.string(), status: z.string(), reason: z.string().nullable() })).nullable().describe("as the background refresh last read them"),
  resourcesRefreshedAt: iso.nullable(),
  activeDeployment: z.strictObject({ id: z.uuid(), status }).nullable(),
  allowedActions: z.array(z.enum(["update", "rollback-to-version", "cancel", "continue-rollback", "roll-back", "delete"])),
  deployments: z.array(deploymentSummary.extend({
    templateVersion: z.strictObject({ id: z.uuid(), sha256: z.string() }).nullable(),
    parameterDiff: z.array(z.strictObject({ name: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
    durationSeconds: z.int().nullable(),
  })),
  olderDeployments: z.boolean().describe("more deployments exist than listed here (GET /api/v1/deployments?stack=)"),
  events: z.array(stackEvent),
  drift: stackDrift.describe("the latest drift detection (issue 16)"),
}) satisfies z.ZodType<StackDetail>;

const alarmState = z.enum(["OK", "ALARM", "INSUFFICIENT_DATA"]);
const alarmSummary = z.strictObject({
  name: z.string(), state: alarmState, stateReason: z.string().nullable(), since: iso.nullable(), environment: z.string(), stack: z.string(),
  region: z.string(), resource: z.string(), namespace: z.string().nullable(), metricName: z.string().nullable(), statistic: z.string().nullable(),
  period: z.int().nullable(), threshold: z.number().nullable(), comparisonOperator: z.string().nullable(), condition: z.string(),
}) satisfies z.ZodType<AlarmSummary>;
const alarmChange = z.strictObject({ alarm: z.string(), fromState: alarmState.nullable(), toState: alarmState, reason: z.string().nullable(), at: iso }) satisfies z.ZodType<AlarmStateChangeDto>;

export const alarmPage = z.strictObject({
  items: z.array(alarmSummary), total: z.int(), page: z.int(), pageCount: z.int(),
  counts: z.strictObject({ OK: z.int(), ALARM: z.int(), INSUFFICIENT_DATA: z.int() }), stacks: z.array(z.string()),
}) satisfies z.ZodType<AlarmPage>;
const stackAlarmItem = alarmSummary.extend({
  stateChanges: z.array(z.strictObject({ fromState: alarmState.nullable(), toState: alarmState, at: iso, reason: z.string().nullable() })).describe("its latest state changes, newest first"),
  recentPoints: z.array(z.strictObject({ t: z.number().describe("epoch ms"), v: z.number() })).describe("the last 3 hours of its metric, 5-minute points"),
  refreshedAt: iso.nullable().describe("when the refresh last read the alarm"),
  pointsRefreshedAt: iso.nullable(),
}) satisfies z.ZodType<StackAlarmItem>;
export const stackAlarms = z.strictObject({
  items: z.array(stackAlarmItem),
  changes: z.array(alarmChange).describe("every alarm's changes together, newest first"),
  statesReadAt: iso.nullable().describe("when the states were last read from CloudWatch"),
}) satisfies z.ZodType<StackAlarms>;

export const estimate = z.strictObject({
  currency: z.literal("USD"), region: z.string(), monthlyTotal: z.number(), fixed: z.number(), usage: z.number(),
  lines: z.array(z.strictObject({
    logicalId: z.string(), type: z.string(), description: z.string(), quantity: z.number(), unit: z.string(), unitPrice: z.number(),
    monthly: z.number(), kind: z.enum(["fixed", "usage"]), priced: z.boolean(), note: z.string().optional(),
  })),
  assumptions: z.record(z.string(), z.number()), priceCatalogDate: z.string(),
}) satisfies z.ZodType<Estimate>;
