import { z } from "zod";
import { listAlarmsSchema } from "@/lib/alarms/schema";
import { auditExportSchema } from "@/lib/audit/schema";
import { auditFilterSchema } from "@/lib/audit/queries";
import { createTokenSchema, tokenIdSchema } from "@/lib/tokens/schema";
import { alarmStreamSchema } from "../alarms/schema";
import { listQuerySchema } from "../deployments/schema";
import { listStacksQuerySchema, stackNameSchema } from "../stacks/schema";
import { environmentQuerySchema } from "../templates/schema";
import { auditPage, auditVerification, createdToken, me, revokedToken, tokenList } from "./account-responses";
import { catalog, templateDetail } from "./catalog-responses";
import { DEPLOYMENT_OPERATIONS } from "./deployment-operations";
import { PLAN_OPERATIONS } from "./plan-operations"; // issue 15
import { DAY2_OPERATIONS } from "./day2-operations";
import { NOTIFICATION_OPERATIONS } from "./notification-operations";
import { ENVIRONMENT_OPERATIONS } from "./environment-operations";
import type { ApiOperation } from "./operation";
import { alarmPage, page, stackAlarms, stackDetail, stackSummary } from "./responses";

const stackName = { name: { schema: stackNameSchema.shape.stackName, description: "the stack's name, e.g. staging-network" } };
const read = ["validation_failed", "unauthorized", "forbidden", "not_found"] as const;

/** Every /api/v1 call, in the order the reference page lists them (openapi.test.ts proves none is missing). */
export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "get", path: "/api/v1/me", tag: "Account", summary: "Who am I", access: "any signed-in user or token",
    success: { status: 200, description: "The caller and their roles.", schema: me }, errors: ["unauthorized"],
  },
  ...DEPLOYMENT_OPERATIONS,
  {
    method: "get", path: "/api/v1/stacks", tag: "Stacks", summary: "List stacks", access: "viewer in the environment",
    query: listStacksQuerySchema, success: { status: 200, description: "One page of stacks, by name: the console's and (managed: false) those found in the account.", schema: page(stackSummary) }, errors: [...read],
  },
  {
    method: "get", path: "/api/v1/stacks/{name}", tag: "Stacks", summary: "Get a stack", access: "viewer in the environment",
    description: "Status, parameters, outputs, live resources, what may be done now, deployment history and recent events.",
    pathParams: stackName, success: { status: 200, description: "The stack.", schema: stackDetail }, errors: [...read],
  },
  {
    method: "get", path: "/api/v1/stacks/{name}/alarms", tag: "Alarms", summary: "A stack's alarms", access: "viewer in the environment",
    pathParams: stackName, success: { status: 200, description: "Its alarms (ALARM first) and their latest state changes.", schema: stackAlarms }, errors: [...read],
  },
  {
    method: "get", path: "/api/v1/alarms", tag: "Alarms", summary: "List alarms", access: "viewer in the environment",
    query: listAlarmsSchema, success: { status: 200, description: "One page of alarms, ALARM first.", schema: alarmPage }, errors: [...read],
  },
  {
    method: "get", path: "/api/v1/alarms/stream", tag: "Alarms", summary: "Alarm changes (SSE)", access: "viewer in the environment",
    description: "`event: alarms` whenever the refresh job stored a change in the environment's alarms; read the list again then.",
    query: alarmStreamSchema, success: { status: 200, description: "Server-Sent Events.", alternatives: { "text/event-stream": { description: "The live stream." } } }, errors: [...read],
  },
  {
    method: "get", path: "/api/v1/templates", tag: "Templates", summary: "The template catalog", access: "viewer in the environment",
    query: environmentQuerySchema, success: { status: 200, description: "Every template with its monthly estimate in the environment.", schema: catalog }, errors: [...read],
  },
  {
    method: "get", path: "/api/v1/templates/{name}", tag: "Templates", summary: "One template", access: "viewer in the environment",
    description: "Parameters (with the environment's value and who may change it), resources, outputs and exports, the estimate, versions.",
    pathParams: { name: { schema: z.string().min(1).max(80), description: "the template's name, e.g. database" } },
    query: environmentQuerySchema, success: { status: 200, description: "The template.", schema: templateDetail }, errors: [...read],
  },
  {
    method: "get", path: "/api/v1/audit", tag: "Audit", summary: "Search the audit log", access: "admin of all environments",
    description: "Newest first. action is exact, or a prefix ending in “.”; from and to are dates or ISO times (UTC).",
    query: auditFilterSchema, success: { status: 200, description: "One page of entries.", schema: auditPage }, errors: ["validation_failed", "unauthorized", "forbidden"],
  },
  {
    method: "get", path: "/api/v1/audit/export", tag: "Audit", summary: "Export the audit log", access: "admin of all environments (the export is itself audited)",
    query: auditExportSchema,
    success: { status: 200, description: "A streamed file, newest first.", alternatives: { "text/csv": { description: "format=csv" }, "application/x-ndjson": { description: "format=jsonl" } } },
    errors: ["validation_failed", "unauthorized", "forbidden"],
  },
  {
    method: "post", path: "/api/v1/audit/verifications", tag: "Audit", summary: "Verify the audit log", access: "admin of all environments",
    description: "Starts a verification of the whole log against the keyed chain and the last signed checkpoint, as a background job; follow it at the Location.",
    success: { status: 202, description: "The queued run.", schema: auditVerification }, errors: ["unauthorized", "forbidden"],
  },
  {
    method: "get", path: "/api/v1/audit/verifications/{id}", tag: "Audit", summary: "A verification's progress and result", access: "admin of all environments",
    pathParams: { id: { schema: z.uuid(), description: "the run's id" } },
    success: { status: 200, description: "The run: queued, running, passed, failed, error or abandoned.", schema: auditVerification }, errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
  {
    method: "get", path: "/api/v1/tokens", tag: "Account", summary: "Your API tokens", access: "any signed-in user or token",
    success: { status: 200, description: "The caller's tokens (never their secrets).", schema: tokenList }, errors: ["unauthorized"],
  },
  {
    method: "post", path: "/api/v1/tokens", tag: "Account", summary: "Create an API token", access: "any signed-in user or token (for themselves)",
    body: { schema: createTokenSchema, examples: { ci: { summary: "A token for CI, valid 90 days", value: { name: "github-actions", expiresInDays: 90 } } } },
    success: { status: 201, description: "The token; its secret is in this response only.", schema: createdToken },
    errors: ["validation_failed", "unauthorized", "unsupported_media_type", "payload_too_large"],
  },
  {
    method: "delete", path: "/api/v1/tokens/{id}", tag: "Account", summary: "Revoke an API token", access: "the token's owner, or an admin",
    pathParams: { id: { schema: tokenIdSchema.shape.tokenId, description: "the token's id" } },
    success: { status: 200, description: "Revoked.", schema: revokedToken }, errors: [...read],
  },
  {
    method: "get", path: "/api/v1/openapi.json", tag: "Account", summary: "This API as OpenAPI 3.1", access: "any signed-in user or token",
    success: { status: 200, description: "The OpenAPI document, generated from the schemas the routes parse with." }, errors: ["unauthorized"],
  },
  // Issue 15: plans for a whole environment.
  ...PLAN_OPERATIONS,
  ...DAY2_OPERATIONS, // issue 16
  ...NOTIFICATION_OPERATIONS, // issue 16
  ...ENVIRONMENT_OPERATIONS, // issue 14
];
