import { deploymentRefSchema } from "@/lib/deployments/schema";
import { createDeploymentSchema, decisionBodySchema, eventsQuerySchema, executeBodySchema, listQuerySchema, requestApprovalBodySchema } from "../deployments/schema";
import type { ApiOperation } from "./operation";
import { deploymentDetail, deploymentSummary, deploymentWithApproval, eventsPage, page } from "./responses";

const id = { id: { schema: deploymentRefSchema.shape.deploymentId, description: "the deployment's id" } };
const command = { schema: deploymentDetail, status: 200 as const };

export const DEPLOYMENT_OPERATIONS: ApiOperation[] = [
  {
    method: "post", path: "/api/v1/deployments", tag: "Deployments", summary: "Preview a change (and apply it)",
    description: "Creates a CloudFormation change set for a new stack, an update, a rollback to an earlier deployment or a delete. 202: the preview continues in the background; follow it with GET …/{id} or …/{id}/events. With execute: true it is applied as soon as it is ready where no approval is needed. The same clientToken returns the same deployment, so a retry is safe.",
    access: "deployer (or admin) in the environment",
    body: {
      schema: createDeploymentSchema,
      examples: {
        create: { summary: "Create the staging network", value: { environment: "staging", template: "network", action: "create", parameters: {} } },
        ci: { summary: "CI: new image to staging, applied when ready", value: { environment: "staging", template: "service", action: "update", parameters: { ImageTag: "3f9c2e1" }, execute: true, clientToken: "run-4242-1" } },
        rollback: { summary: "Roll back to an earlier deployment", value: { environment: "production", template: "service", action: "rollback", rollbackTo: "0b9e7c52-4a1d-4e43-9d52-6f0c1b2a3d4e", note: "bad release" } },
        delete: { summary: "Delete a stack (type its name)", value: { environment: "staging", template: "cache", action: "delete", confirmName: "staging-cache" } },
      },
    },
    success: { status: 202, description: "The deployment, usually previewing (Location: its URL).", schema: deploymentDetail },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found", "conflict", "unsupported_media_type", "payload_too_large"],
  },
  {
    method: "get", path: "/api/v1/deployments", tag: "Deployments", summary: "List deployments", access: "viewer in the environment",
    description: "Newest first; pass nextCursor back as cursor for the next page.",
    query: listQuerySchema,
    success: { status: 200, description: "One page of deployments.", schema: page(deploymentSummary) },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
  {
    method: "get", path: "/api/v1/deployments/{id}", tag: "Deployments", summary: "Get a deployment", access: "viewer in the environment",
    description: "Status, progress, the change set's changes, cost delta and result, whether the environment needs approval, and the approval request with every decision and comment.",
    pathParams: id,
    success: { status: 200, description: "The deployment.", schema: deploymentWithApproval },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
  {
    method: "get", path: "/api/v1/deployments/{id}/events", tag: "Deployments", summary: "Follow a deployment's events", access: "viewer in the environment",
    description: "Server-Sent Events by default: each stored stack event as a message whose id is our sequence number (reconnect with Last-Event-ID to resume), `event: deployment` with status and progress whenever they change, a heartbeat comment every 15 s; the stream ends once the deployment is finished. With Accept: application/json or ?format=json, one page of events for polling.",
    pathParams: id,
    query: eventsQuerySchema,
    success: { status: 200, description: "One page of events (format=json).", schema: eventsPage, alternatives: { "text/event-stream": { description: "The live stream (default)." } } },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
  {
    method: "post", path: "/api/v1/deployments/{id}/execute", tag: "Deployments", summary: "Apply a ready change",
    description: "Executes exactly the previewed change set. Where approval is required it must be approved (re-checked), or an admin breaks glass with a reason (recorded and marked).",
    access: "deployer where no approval is needed; the requester or an approver of an approved change; admins",
    pathParams: id,
    body: {
      schema: executeBodySchema, optional: true,
      examples: {
        plain: { summary: "Apply it", value: {} },
        breakGlass: { summary: "Emergency access (admins)", value: { breakGlass: true, reason: "Outage: the fix cannot wait for an approver" } },
      },
    },
    success: { ...command, status: 202, description: "The deployment, now deploying." },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found", "conflict"],
  },
  {
    method: "post", path: "/api/v1/deployments/{id}/request-approval", tag: "Approvals", summary: "Send a ready change to the approvers",
    access: "deployer in an environment that requires approval", pathParams: id,
    body: { schema: requestApprovalBodySchema, examples: { reason: { summary: "Why it is needed", value: { reason: "Raise the connection limit before the launch" } } } },
    success: { ...command, description: "The deployment, now awaiting_approval." },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found", "conflict"],
  },
  {
    method: "post", path: "/api/v1/deployments/{id}/approve", tag: "Approvals", summary: "Approve", access: "approver in the environment, never the requester",
    description: "When the request has as many distinct approvals as it needs, the change may be applied.",
    pathParams: id,
    body: { schema: decisionBodySchema, examples: { ok: { summary: "Approve with a comment", value: { comment: "Checked the change set and the cost" } } } },
    success: { ...command, description: "The deployment (ready once enough approvals are in)." },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found", "conflict"],
  },
  {
    method: "post", path: "/api/v1/deployments/{id}/reject", tag: "Approvals", summary: "Reject", access: "approver in the environment, never the requester",
    description: "One rejection closes the request; the requester reads the comment.", pathParams: id,
    body: { schema: decisionBodySchema, examples: { no: { summary: "Reject with the reason", value: { comment: "Not during the freeze" } } } },
    success: { ...command, description: "The deployment, now rejected." },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found", "conflict"],
  },
];
