import { z } from "zod";
import { createPlanSchema, listPlansSchema, planRefSchema } from "@/lib/plans/schema";
import { PLAN_STACK_STATUSES, PLAN_STATUSES, type PlanDto, type PlanStackDto, type PlanSummary } from "@/lib/plans/types";
import { planDecisionBodySchema } from "../plans/schema";
import type { ApiOperation } from "./operation";

// Issue 15: plans for a whole environment. Response schemas are strict, like responses.ts: e2e/api-reference.spec.ts
// parses real answers with them.

const iso = z.iso.datetime({ offset: true }).describe("ISO 8601 time (UTC)");
const planStatus = z.enum(PLAN_STATUSES).describe("planning → ready | awaiting_approval → applying → succeeded | failed; or cancelled, rejected");

export const planStack = z.strictObject({
  name: z.string().describe("the stack's name"),
  template: z.string(),
  action: z.enum(["create", "update", "delete", "none"]),
  status: z.enum(PLAN_STACK_STATUSES).describe("pending → (deferred →) previewing → ready → applying → succeeded | failed | rolled_back; no_change; not_started when the plan stopped first"),
  deploymentId: z.uuid().nullable().describe("this stack's own deployment (its record, history and rollback)"),
  startedAt: iso.nullable(),
  finishedAt: iso.nullable(),
  dependsOn: z.array(z.string()).describe("templates of this plan it waits for"),
  changes: z.number().int(),
  dataStoreReplacements: z.array(z.string()).describe("data stores (RDS, ElastiCache, ...) the change replaces or removes"),
  monthlyDelta: z.number().nullable(),
  note: z.string().nullable().describe("e.g. previewed again once its upstream is applied"),
  reason: z.string().nullable().describe("why it failed or did not start"),
  differences: z.array(z.strictObject({ name: z.string(), from: z.string().nullable(), to: z.string().nullable() })).describe("promote: what differs from the source environment"),
  expectedSeconds: z.number(),
}) satisfies z.ZodType<PlanStackDto>;

export const planDetail = z.strictObject({
  id: z.uuid(),
  environment: z.string(),
  action: z.enum(["apply", "promote", "destroy"]),
  from: z.string().nullable(),
  status: planStatus,
  execute: z.boolean(),
  note: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: iso,
  startedAt: iso.nullable(),
  finishedAt: iso.nullable(),
  resultReason: z.string().nullable(),
  costDelta: z.strictObject({ currency: z.literal("USD"), monthlyDelta: z.number(), before: z.number(), after: z.number() }).nullable(),
  stacks: z.array(planStack),
  approval: z.strictObject({
    required: z.boolean(),
    approvalsRequired: z.number().int().nullable(),
    expiresAt: iso.nullable(),
    approvedAt: iso.nullable(),
    decisions: z.array(z.strictObject({ by: z.string(), approved: z.boolean(), comment: z.string(), at: iso })),
  }),
  progress: z.strictObject({ done: z.number().int(), total: z.number().int(), percent: z.number(), secondsLeft: z.number().nullable() }),
}) satisfies z.ZodType<PlanDto>;

export const planSummary = z.strictObject({
  id: z.uuid(), environment: z.string(), action: z.enum(["apply", "promote", "destroy"]), status: planStatus, requestedBy: z.string(), createdAt: iso, stacks: z.number().int(),
}) satisfies z.ZodType<PlanSummary>;

export const planList = z.strictObject({ items: z.array(planSummary) });

const id = { id: { schema: planRefSchema.shape.planId, description: "the plan's id" } };
const command = ["validation_failed", "unauthorized", "forbidden", "not_found", "conflict"] as const;

export const PLAN_OPERATIONS: ApiOperation[] = [
  {
    method: "post", path: "/api/v1/plans", tag: "Plans", summary: "Plan the whole environment",
    description: "Previews every stack of the environment in dependency order: a change set per stack (through the deployments' own machinery, so each keeps its record), the whole plan's changes and cost delta. A stack whose upstream is created or changes its exports is previewed again once that upstream is applied. promote builds the plan from `from`'s template versions and the values its users changed (never those this environment's profile sets). 202: planning continues in the background.",
    access: "deployer (or admin) in the environment",
    body: {
      schema: createPlanSchema,
      examples: {
        provision: { summary: "Provision staging", value: { environment: "staging", action: "apply", execute: true, parameters: { iam: { GitHubRepository: "acme/storefront" } } } },
        promote: { summary: "Promote staging to production", value: { environment: "production", action: "promote", from: "staging", parameters: { "load-balancer": { CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012" } }, note: "Release 1.5" } },
        destroy: { summary: "Delete every staging stack", value: { environment: "staging", action: "destroy" } },
      },
    },
    success: { status: 202, description: "{ id, status, stacks } (Location: the plan's URL).", schema: z.strictObject({ id: z.uuid(), status: planStatus, stacks: z.array(planStack) }) },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found", "conflict", "unsupported_media_type", "payload_too_large"],
  },
  {
    method: "get", path: "/api/v1/plans", tag: "Plans", summary: "List plans", access: "viewer in the environment", description: "Newest first.",
    query: listPlansSchema, success: { status: 200, description: "The environment's latest plans.", schema: planList },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
  {
    method: "get", path: "/api/v1/plans/{id}", tag: "Plans", summary: "Get a plan", access: "viewer in the environment",
    pathParams: id, success: { status: 200, description: "The plan with every stack's step.", schema: planDetail }, errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
  {
    method: "get", path: "/api/v1/plans/{id}/events", tag: "Plans", summary: "Follow a plan", access: "viewer in the environment",
    description: "Server-Sent Events: `event: plan` carrying the plan (as GET /api/v1/plans/{id}) whenever it or one of its deployments changes; the stream ends once the plan is finished.",
    pathParams: id, success: { status: 200, description: "The live stream.", alternatives: { "text/event-stream": { description: "The live stream." } } }, errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
  {
    method: "post", path: "/api/v1/plans/{id}/approve", tag: "Plans", summary: "Approve a plan", access: "approver (or admin) in the environment; never your own plan",
    description: "One approval for the whole plan, bound to every change set in it; refused (409) if any of them changed since. The cost rule uses the plan's total monthly delta.",
    pathParams: id, body: { schema: planDecisionBodySchema, examples: { approve: { summary: "Approve", value: { comment: "Reviewed the diff" } } } },
    success: { status: 200, description: "The plan.", schema: planDetail }, errors: [...command],
  },
  {
    method: "post", path: "/api/v1/plans/{id}/reject", tag: "Plans", summary: "Reject a plan", access: "approver (or admin) in the environment; never your own plan",
    pathParams: id, body: { schema: planDecisionBodySchema, examples: { reject: { summary: "Reject", value: { comment: "Not this week" } } } },
    success: { status: 200, description: "The plan, rejected.", schema: planDetail }, errors: [...command],
  },
  {
    method: "post", path: "/api/v1/plans/{id}/execute", tag: "Plans", summary: "Apply a plan",
    description: "Applies a ready plan: independent stacks in parallel (a concurrency limit), stopping new stacks on the first failure.",
    access: "deployer where no approval is needed; the requester or an approver of an approved plan; admins",
    pathParams: id, success: { status: 202, description: "The plan, applying.", schema: planDetail }, errors: [...command],
  },
  {
    method: "post", path: "/api/v1/plans/{id}/cancel", tag: "Plans", summary: "Cancel a plan", access: "deployer (or admin) in the environment",
    description: "Before applying it ends at once and its previews are discarded; while applying, running stacks finish and nothing new starts.",
    pathParams: id, success: { status: 200, description: "The plan.", schema: planDetail }, errors: [...command],
  },
];
