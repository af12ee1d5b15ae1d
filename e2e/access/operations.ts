import { randomBytes } from "node:crypto";
import type { Env, MatrixWorld } from "./fixtures";
import type { MatrixCaller } from "./callers";

// How to call each row of lib/auth/access-table.ts in an environment. Inputs are valid as far as authorization
// is concerned and aimed at the matrix's own fixtures (a finished deployment, a fixture stack, a victim user), so
// an allowed call is answered or refused for what it asks (409, 404, 400), and nothing real changes.

export interface ApiCall {
  method: string;
  path: string;
  body?: unknown;
  /** SSE: take the status and headers, then hang up. */
  stream?: boolean;
}

type Ctx = { env: Env; world: MatrixWorld; caller: MatrixCaller };
const unique = () => randomBytes(3).toString("hex");
/** A fresh token of the caller's own; callers whose credentials are dead get a made-up id (they never get that far). */
const ownToken = async ({ world, caller }: Ctx) =>
  "dead" in caller.caller || !caller.userId ? "00000000-0000-4000-8000-000000000000" : world.tokenOf(caller.userId);
const REASON = "matrix check of emergency access";

export const API_CALLS: Record<string, (ctx: Ctx) => ApiCall | Promise<ApiCall>> = {
  "GET /api/v1/me": () => ({ method: "GET", path: "/api/v1/me" }),
  "GET /api/v1/openapi.json": () => ({ method: "GET", path: "/api/v1/openapi.json" }),
  "GET /api/v1/tokens": () => ({ method: "GET", path: "/api/v1/tokens" }),
  "POST /api/v1/tokens": () => ({ method: "POST", path: "/api/v1/tokens", body: { name: "matrix", expiresInDays: 1 } }),
  "DELETE /api/v1/tokens/{id} (own)": async (ctx) => ({ method: "DELETE", path: `/api/v1/tokens/${await ownToken(ctx)}` }),
  "DELETE /api/v1/tokens/{id} (another user's)": async ({ world }) => ({ method: "DELETE", path: `/api/v1/tokens/${await world.tokenOf(world.victim.id)}` }),
  "GET /api/v1/audit": () => ({ method: "GET", path: "/api/v1/audit?limit=1" }),
  "GET /api/v1/audit/export": () => ({ method: "GET", path: "/api/v1/audit/export?format=jsonl&action=matrix.nothing" }),
  "POST /api/v1/audit/verifications": () => ({ method: "POST", path: "/api/v1/audit/verifications" }),
  "GET /api/v1/audit/verifications/{id}": ({ world }) => ({ method: "GET", path: `/api/v1/audit/verifications/${world.verificationId}` }),
  "GET /api/v1/alarms": ({ env }) => ({ method: "GET", path: `/api/v1/alarms?environment=${env}` }),
  "GET /api/v1/alarms/stream": ({ env }) => ({ method: "GET", path: `/api/v1/alarms/stream?environment=${env}`, stream: true }),
  "GET /api/v1/deployments": ({ env }) => ({ method: "GET", path: `/api/v1/deployments?environment=${env}` }),
  "POST /api/v1/deployments": ({ env }) => ({
    method: "POST",
    path: "/api/v1/deployments",
    body: { environment: env, template: "matrix-no-such-template", action: "create", parameters: {} },
  }),
  "GET /api/v1/deployments/{id}": ({ env, world }) => ({ method: "GET", path: `/api/v1/deployments/${world.deployment[env]}` }),
  "GET /api/v1/deployments/{id}/events": ({ env, world }) => ({ method: "GET", path: `/api/v1/deployments/${world.deployment[env]}/events?format=json` }),
  "POST /api/v1/deployments/{id}/execute": ({ env, world }) => ({ method: "POST", path: `/api/v1/deployments/${world.deployment[env]}/execute` }),
  "POST /api/v1/deployments/{id}/execute (break glass)": ({ env, world }) => ({
    method: "POST",
    path: `/api/v1/deployments/${world.deployment[env]}/execute`,
    body: { breakGlass: true, reason: REASON },
  }),
  "POST /api/v1/deployments/{id}/request-approval": ({ env, world }) => ({
    method: "POST",
    path: `/api/v1/deployments/${world.deployment[env]}/request-approval`,
    body: { reason: "matrix check of access" },
  }),
  "POST /api/v1/deployments/{id}/approve": ({ env, world }) => ({ method: "POST", path: `/api/v1/deployments/${world.deployment[env]}/approve`, body: { comment: "matrix" } }),
  "POST /api/v1/deployments/{id}/reject": ({ env, world }) => ({ method: "POST", path: `/api/v1/deployments/${world.deployment[env]}/reject`, body: { comment: "matrix" } }),
  "GET /api/v1/stacks": ({ env }) => ({ method: "GET", path: `/api/v1/stacks?environment=${env}` }),
  "GET /api/v1/stacks/{name}": ({ env, world }) => ({ method: "GET", path: `/api/v1/stacks/${world.stack[env]}` }),
  "GET /api/v1/stacks/{name}/alarms": ({ env, world }) => ({ method: "GET", path: `/api/v1/stacks/${world.stack[env]}/alarms` }),
  "GET /api/v1/templates": ({ env }) => ({ method: "GET", path: `/api/v1/templates?environment=${env}` }),
  "GET /api/v1/templates/{name}": ({ env }) => ({ method: "GET", path: `/api/v1/templates/network?environment=${env}` }),
  // Issue 15: plans (a finished fixture plan per environment; promoting an environment onto itself is refused, 400).
  "POST /api/v1/plans": ({ env }) => ({ method: "POST", path: "/api/v1/plans", body: { environment: env, action: "promote", from: env } }),
  "GET /api/v1/plans": ({ env }) => ({ method: "GET", path: `/api/v1/plans?environment=${env}` }),
  "GET /api/v1/plans/{id}": ({ env, world }) => ({ method: "GET", path: `/api/v1/plans/${world.plan[env]}` }),
  "GET /api/v1/plans/{id}/events": ({ env, world }) => ({ method: "GET", path: `/api/v1/plans/${world.plan[env]}/events`, stream: true }),
  "POST /api/v1/plans/{id}/approve": ({ env, world }) => ({ method: "POST", path: `/api/v1/plans/${world.plan[env]}/approve`, body: { comment: "matrix" } }),
  "POST /api/v1/plans/{id}/reject": ({ env, world }) => ({ method: "POST", path: `/api/v1/plans/${world.plan[env]}/reject`, body: { comment: "matrix" } }),
  "POST /api/v1/plans/{id}/execute": ({ env, world }) => ({ method: "POST", path: `/api/v1/plans/${world.plan[env]}/execute` }),
  "POST /api/v1/plans/{id}/cancel": ({ env, world }) => ({ method: "POST", path: `/api/v1/plans/${world.plan[env]}/cancel` }),
  // issue 16 (drift, teardown)
  "POST /api/v1/stacks/{name}/drift": ({ env, world }) => ({ method: "POST", path: `/api/v1/stacks/${world.stack[env]}/drift` }),
  "GET /api/v1/teardown-schedules": ({ env }) => ({ method: "GET", path: `/api/v1/teardown-schedules?environment=${env}` }),
  // An unknown kind: authorized, then refused for what it asks, so no schedule is created.
  "POST /api/v1/teardown-schedules": ({ env }) => ({ method: "POST", path: "/api/v1/teardown-schedules", body: { environment: env, kind: "matrix" } }),
  "DELETE /api/v1/teardown-schedules/{id}": ({ env, world }) => ({ method: "DELETE", path: `/api/v1/teardown-schedules/${world.teardownSchedule[env]}` }),
  // issue 16, notifications: an allowed call is refused for what it asks (a URL that is not http, an unknown destination)
  "GET /api/v1/notifications/destinations": ({ env }) => ({ method: "GET", path: `/api/v1/notifications/destinations?environment=${env}` }),
  "POST /api/v1/notifications/destinations": ({ env }) => ({ method: "POST", path: "/api/v1/notifications/destinations", body: { environment: env, kind: "webhook", url: "ftp://matrix.invalid/x", events: ["deployment.failed"] } }),
  "DELETE /api/v1/notifications/destinations/{id}": () => ({ method: "DELETE", path: `/api/v1/notifications/destinations/00000000-0000-4000-8000-000000000000` }),
  "POST /api/v1/notifications/destinations/{id}/test": () => ({ method: "POST", path: `/api/v1/notifications/destinations/00000000-0000-4000-8000-000000000000/test` }),
  "GET /api/v1/notifications/deliveries": () => ({ method: "GET", path: "/api/v1/notifications/deliveries?limit=1" }),
  // Issue 14. Allowed callers are refused for what they ask (400, 404), so no environment's settings change.
  "GET /api/v1/environments": () => ({ method: "GET", path: "/api/v1/environments" }),
  "PUT /api/v1/environments/{key}": ({ env }) => ({ method: "PUT", path: `/api/v1/environments/${env}`, body: { accountId: "not-an-account", region: "us-east-1", sessionDurationSeconds: 3600 } }),
  "POST /api/v1/environments/{key}/test-connection": ({ env }) => ({ method: "POST", path: `/api/v1/environments/${env}/test-connection` }),
  "POST /api/v1/stacks/{name}/adopt": ({ env, world }) => ({ method: "POST", path: `/api/v1/stacks/${world.stack[env]}/adopt`, body: { template: "matrix-no-such-template" } }),
};

/** Form fields per server action, as the console's forms send them. */
export const ACTION_FIELDS: Record<string, (ctx: Ctx) => Record<string, string> | Promise<Record<string, string>>> = {
  createUserAction: ({ env }) => ({ email: `matrix-new-${unique()}@example.com`, name: "Matrix new", password: "matrix password, long enough", role: "viewer", environment: env }),
  grantRoleAction: ({ env, world }) => ({ email: world.victim.email, role: "viewer", environment: env }),
  revokeRoleAction: ({ env, world }) => ({ email: world.victim.email, role: "approver", environment: env }),
  setUserDisabledAction: ({ world }) => ({ email: world.victim.email, disabled: "false" }),
  revokeUserTokenAction: async ({ world }) => ({ tokenId: await world.tokenOf(world.victim.id) }),
  updateApprovalPolicyAction: ({ env, world }) => world.policy[env],
  verifyAuditAction: () => ({}),
  executeDeploymentAction: ({ env, world }) => ({ deploymentId: world.deployment[env] }),
  "executeDeploymentAction (break glass)": ({ env, world }) => ({ deploymentId: world.deployment[env], breakGlass: "on", reason: REASON }),
  discardPreviewAction: ({ env, world }) => ({ deploymentId: world.deployment[env] }),
  retryPreviewAction: ({ env, world }) => ({ deploymentId: world.deployment[env] }),
  requestApprovalAction: ({ env, world }) => ({ deploymentId: world.deployment[env], reason: "matrix check of access" }),
  approveDeploymentAction: ({ env, world }) => ({ deploymentId: world.deployment[env], comment: "matrix" }),
  rejectDeploymentAction: ({ env, world }) => ({ deploymentId: world.deployment[env], comment: "matrix" }),
  requestChangeAction: ({ env }) => ({ environment: env, template: "matrix-no-such-template", action: "create" }),
  cancelUpdateAction: ({ env, world }) => ({ deploymentId: world.deployment[env] }),
  continueRollbackAction: ({ env, world }) => ({ stackName: world.stack[env] }),
  rollbackFailedStackAction: ({ env, world }) => ({ stackName: world.stack[env] }),
  createTokenAction: () => ({ name: "matrix", expiresInDays: "1" }),
  revokeTokenAction: async (ctx) => ({ tokenId: await ownToken(ctx) }),
  estimateTemplateAction: ({ env }) => ({ template: "network", environment: env }),
  // Issue 15 (a finished fixture plan; promoting an environment onto itself is refused).
  planPlatformAction: ({ env }) => ({ environment: env, action: "promote", from: env }),
  approvePlanAction: ({ env, world }) => ({ planId: world.plan[env], comment: "matrix" }),
  rejectPlanAction: ({ env, world }) => ({ planId: world.plan[env], comment: "matrix" }),
  executePlanAction: ({ env, world }) => ({ planId: world.plan[env] }),
  cancelPlanAction: ({ env, world }) => ({ planId: world.plan[env] }),
  // issue 16 (drift, teardown)
  detectDriftAction: ({ env, world }) => ({ stackName: world.stack[env] }),
  createTeardownScheduleAction: ({ env }) => ({ environment: env, kind: "matrix" }),
  cancelTeardownScheduleAction: ({ env, world }) => ({ id: world.teardownSchedule[env] }),
  // issue 16, notifications
  createDestinationAction: ({ env }) => ({ environment: env, kind: "webhook", url: "ftp://matrix.invalid/x", "event.deployment.failed": "on" }),
  deleteDestinationAction: () => ({ destinationId: "00000000-0000-4000-8000-000000000000" }),
  sendTestNotificationAction: () => ({ destinationId: "00000000-0000-4000-8000-000000000000" }),
  // Issue 14 (as the API rows above: allowed callers get 400 or 404).
  updateEnvironmentTargetAction: ({ env }) => ({ environment: env, accountId: "not-an-account", region: "us-east-1", sessionDurationSeconds: "3600" }),
  testConnectionAction: ({ env }) => ({ environment: env }),
  adoptStackAction: ({ env, world }) => ({ stackName: world.stack[env], template: "matrix-no-such-template" }),
};
