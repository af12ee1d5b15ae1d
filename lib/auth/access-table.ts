// Who may do what: one row per /api/v1 route and per server action, written down by hand. It is the documentation
// (docs/access.md is rendered from it: `npx tsx scripts/docs/access-table.ts`) and the expectation of the generated
// matrix test (e2e/access-matrix.spec.ts), which calls every row as every kind of caller in both environments.
// Nothing in the app reads it: the app's own rules (lib/auth/roles.ts, the routes' access rules, the domain checks)
// must produce these answers independently.

import type { RoleName } from "./roles.ts";

export type Scope =
  | { kind: "environment"; staging: RoleName[]; production: RoleName[] } // a grant for that environment (or for all)
  | { kind: "global"; roles: RoleName[] } // a grant for every environment
  | { kind: "own" }; // any signed-in user, acting on their own things

export interface AccessRow {
  /** "GET /api/v1/stacks", or a server action's exported name. */
  operation: string;
  kind: "api" | "action";
  what: string;
  scope: Scope;
  /** Roles that may also do it in production once the change's approval request was approved (its requester, one of
   *  its approvers, an admin): the matrix's fixtures are not approved, so they are refused there, but they may. */
  withApproval?: RoleName[];
  note?: string;
}

const ALL: RoleName[] = ["viewer", "deployer", "approver", "admin"];
const DEPLOYERS: RoleName[] = ["deployer", "admin"];
const APPROVERS: RoleName[] = ["approver", "admin"];
const ADMINS: RoleName[] = ["admin"];
const everywhere = (roles: RoleName[]): Scope => ({ kind: "environment", staging: roles, production: roles });
const admins: Scope = { kind: "global", roles: ADMINS };
const own: Scope = { kind: "own" };

export const ACCESS_TABLE: AccessRow[] = [
  { operation: "GET /api/v1/me", kind: "api", what: "who am I", scope: own },
  { operation: "GET /api/v1/openapi.json", kind: "api", what: "this API as OpenAPI 3.1", scope: own },
  { operation: "GET /api/v1/tokens", kind: "api", what: "list my API tokens", scope: own },
  { operation: "POST /api/v1/tokens", kind: "api", what: "create an API token for myself", scope: own },
  { operation: "DELETE /api/v1/tokens/{id} (own)", kind: "api", what: "revoke one of my tokens", scope: own },
  { operation: "DELETE /api/v1/tokens/{id} (another user's)", kind: "api", what: "revoke someone else's token", scope: admins },
  { operation: "GET /api/v1/audit", kind: "api", what: "search the audit log", scope: admins },
  { operation: "GET /api/v1/audit/export", kind: "api", what: "export the audit log (CSV, JSON lines)", scope: admins },
  { operation: "POST /api/v1/audit/verifications", kind: "api", what: "start a verification of the audit log", scope: admins },
  { operation: "GET /api/v1/audit/verifications/{id}", kind: "api", what: "a verification's progress and result", scope: admins },
  { operation: "GET /api/v1/alarms", kind: "api", what: "an environment's alarms", scope: everywhere(ALL) },
  { operation: "GET /api/v1/alarms/stream", kind: "api", what: "alarm changes, live (SSE)", scope: everywhere(ALL) },
  { operation: "GET /api/v1/deployments", kind: "api", what: "an environment's deployments", scope: everywhere(ALL) },
  { operation: "POST /api/v1/deployments", kind: "api", what: "preview a change (create, update, roll back, delete)", scope: everywhere(DEPLOYERS) },
  { operation: "GET /api/v1/deployments/{id}", kind: "api", what: "a deployment", scope: everywhere(ALL) },
  { operation: "GET /api/v1/deployments/{id}/events", kind: "api", what: "a deployment's events (SSE or JSON)", scope: everywhere(ALL) },
  {
    operation: "POST /api/v1/deployments/{id}/execute",
    kind: "api",
    what: "apply a ready preview",
    scope: { kind: "environment", staging: DEPLOYERS, production: [] },
    withApproval: ["deployer", "approver", "admin"],
    note: "production: only a change whose approval request was approved, by its requester (a deployer), one of its approvers, or an admin",
  },
  {
    operation: "POST /api/v1/deployments/{id}/execute (break glass)",
    kind: "api",
    what: "apply without approval, with a reason (recorded)",
    scope: everywhere(ADMINS),
    note: "staging needs no approval, so an admin's break glass there is refused as pointless (409)",
  },
  { operation: "POST /api/v1/deployments/{id}/request-approval", kind: "api", what: "send a ready preview for approval", scope: everywhere(DEPLOYERS) },
  { operation: "POST /api/v1/deployments/{id}/approve", kind: "api", what: "approve a pending request", scope: everywhere(APPROVERS), note: "never one's own request" },
  { operation: "POST /api/v1/deployments/{id}/reject", kind: "api", what: "reject a pending request", scope: everywhere(APPROVERS), note: "never one's own request" },
  { operation: "GET /api/v1/stacks", kind: "api", what: "an environment's stacks", scope: everywhere(ALL) },
  { operation: "GET /api/v1/stacks/{name}", kind: "api", what: "a stack", scope: everywhere(ALL) },
  { operation: "GET /api/v1/stacks/{name}/alarms", kind: "api", what: "a stack's alarms", scope: everywhere(ALL) },
  { operation: "GET /api/v1/templates", kind: "api", what: "the catalog with estimates", scope: everywhere(ALL) },
  { operation: "GET /api/v1/templates/{name}", kind: "api", what: "a template in an environment", scope: everywhere(ALL) },
  // Issue 15: plans for a whole environment.
  { operation: "POST /api/v1/plans", kind: "api", what: "plan the whole environment (apply, promote, destroy)", scope: everywhere(DEPLOYERS) },
  { operation: "GET /api/v1/plans", kind: "api", what: "an environment's plans", scope: everywhere(ALL) },
  { operation: "GET /api/v1/plans/{id}", kind: "api", what: "a plan with every stack's step", scope: everywhere(ALL) },
  { operation: "GET /api/v1/plans/{id}/events", kind: "api", what: "a plan, live (SSE)", scope: everywhere(ALL) },
  { operation: "POST /api/v1/plans/{id}/approve", kind: "api", what: "approve a plan as a whole", scope: everywhere(APPROVERS), note: "never one's own plan" },
  { operation: "POST /api/v1/plans/{id}/reject", kind: "api", what: "reject a plan", scope: everywhere(APPROVERS), note: "never one's own plan" },
  {
    operation: "POST /api/v1/plans/{id}/execute",
    kind: "api",
    what: "apply a ready plan",
    scope: { kind: "environment", staging: DEPLOYERS, production: [] },
    withApproval: ["deployer", "approver", "admin"],
    note: "production: only an approved plan, by its requester, one of its approvers, or an admin",
  },
  { operation: "POST /api/v1/plans/{id}/cancel", kind: "api", what: "cancel a plan", scope: everywhere(DEPLOYERS) },

  { operation: "createUserAction", kind: "action", what: "create a user (Admin)", scope: admins },
  { operation: "grantRoleAction", kind: "action", what: "grant a role (Admin)", scope: admins },
  { operation: "revokeRoleAction", kind: "action", what: "revoke a role (Admin)", scope: admins },
  { operation: "setUserDisabledAction", kind: "action", what: "disable or enable a user (Admin)", scope: admins },
  { operation: "revokeUserTokenAction", kind: "action", what: "revoke another user's token (Admin)", scope: admins },
  { operation: "updateApprovalPolicyAction", kind: "action", what: "change an environment's approval policy (Approvals)", scope: admins },
  { operation: "verifyAuditAction", kind: "action", what: "verify the audit log (Audit)", scope: admins },
  {
    operation: "executeDeploymentAction",
    kind: "action",
    what: "deploy a ready preview (Deployment)",
    scope: { kind: "environment", staging: DEPLOYERS, production: [] },
    withApproval: ["deployer", "approver", "admin"],
    note: "production: as the API's execute",
  },
  { operation: "executeDeploymentAction (break glass)", kind: "action", what: "emergency access (Deployment)", scope: everywhere(ADMINS) },
  { operation: "discardPreviewAction", kind: "action", what: "discard a preview (Deployment)", scope: everywhere(DEPLOYERS) },
  { operation: "retryPreviewAction", kind: "action", what: "retry a failed preview (Deployment)", scope: everywhere(DEPLOYERS) },
  { operation: "requestApprovalAction", kind: "action", what: "request approval (Deployment)", scope: everywhere(DEPLOYERS) },
  { operation: "approveDeploymentAction", kind: "action", what: "approve (Deployment, Approvals)", scope: everywhere(APPROVERS) },
  { operation: "rejectDeploymentAction", kind: "action", what: "reject (Deployment, Approvals)", scope: everywhere(APPROVERS) },
  { operation: "requestChangeAction", kind: "action", what: "preview a change (change form)", scope: everywhere(DEPLOYERS) },
  { operation: "cancelUpdateAction", kind: "action", what: "cancel a running update (Deployment)", scope: everywhere(DEPLOYERS), note: "it only returns the stack to where it was, so no approval is needed" },
  {
    operation: "continueRollbackAction",
    kind: "action",
    what: "continue a stuck rollback (Stack)",
    scope: { kind: "environment", staging: DEPLOYERS, production: ADMINS },
  },
  {
    operation: "rollbackFailedStackAction",
    kind: "action",
    what: "roll back a failed stack (Stack)",
    scope: { kind: "environment", staging: DEPLOYERS, production: ADMINS },
  },
  { operation: "createTokenAction", kind: "action", what: "create my API token (Settings)", scope: own },
  { operation: "revokeTokenAction", kind: "action", what: "revoke my API token (Settings)", scope: own },
  { operation: "estimateTemplateAction", kind: "action", what: "re-estimate a template with other values (Template)", scope: everywhere(ALL) },
  // Issue 15: plans for a whole environment (Environment page, plan page).
  { operation: "planPlatformAction", kind: "action", what: "plan the platform (Environment)", scope: everywhere(DEPLOYERS) },
  { operation: "approvePlanAction", kind: "action", what: "approve a plan (Plan)", scope: everywhere(APPROVERS), note: "never one's own plan" },
  { operation: "rejectPlanAction", kind: "action", what: "reject a plan (Plan)", scope: everywhere(APPROVERS), note: "never one's own plan" },
  {
    operation: "executePlanAction",
    kind: "action",
    what: "apply a ready plan (Plan)",
    scope: { kind: "environment", staging: DEPLOYERS, production: [] },
    withApproval: ["deployer", "approver", "admin"],
    note: "production: as the API's execute",
  },
  { operation: "cancelPlanAction", kind: "action", what: "cancel a plan (Plan)", scope: everywhere(DEPLOYERS) },
  // issue 16 (drift, teardown)
  { operation: "POST /api/v1/stacks/{name}/drift", kind: "api", what: "start a drift detection of a stack", scope: everywhere(DEPLOYERS) },
  { operation: "detectDriftAction", kind: "action", what: "detect drift (Stack)", scope: everywhere(DEPLOYERS) },
  { operation: "GET /api/v1/teardown-schedules", kind: "api", what: "an environment's teardown schedules", scope: everywhere(ALL) },
  {
    operation: "POST /api/v1/teardown-schedules",
    kind: "api",
    what: "schedule the teardown of a staging stack or environment",
    scope: { kind: "environment", staging: DEPLOYERS, production: ADMINS },
    note: "deleting stacks needs the right to deploy there; production refuses schedules (400) even to admins",
  },
  { operation: "DELETE /api/v1/teardown-schedules/{id}", kind: "api", what: "cancel a teardown schedule", scope: { kind: "environment", staging: DEPLOYERS, production: ADMINS } },
  { operation: "createTeardownScheduleAction", kind: "action", what: "schedule a teardown (Stack, Stacks)", scope: { kind: "environment", staging: DEPLOYERS, production: ADMINS } },
  { operation: "cancelTeardownScheduleAction", kind: "action", what: "cancel a teardown schedule (Stack, Stacks)", scope: { kind: "environment", staging: DEPLOYERS, production: ADMINS } },

  // issue 16, notifications
  { operation: "GET /api/v1/notifications/destinations", kind: "api", what: "list notification destinations (no secrets)", scope: admins },
  { operation: "POST /api/v1/notifications/destinations", kind: "api", what: "add a webhook or Slack destination", scope: admins },
  { operation: "DELETE /api/v1/notifications/destinations/{id}", kind: "api", what: "delete a notification destination", scope: admins },
  { operation: "POST /api/v1/notifications/destinations/{id}/test", kind: "api", what: "send a test notification", scope: admins },
  { operation: "GET /api/v1/notifications/deliveries", kind: "api", what: "delivery attempts with their status codes", scope: admins },
  { operation: "createDestinationAction", kind: "action", what: "add a notification destination (Notifications)", scope: admins },
  { operation: "deleteDestinationAction", kind: "action", what: "delete a notification destination (Notifications)", scope: admins },
  { operation: "sendTestNotificationAction", kind: "action", what: "send a test notification (Notifications)", scope: admins },
  // Issue 14: environments are AWS accounts.
  { operation: "GET /api/v1/environments", kind: "api", what: "the environments I may see, with their AWS accounts and roles", scope: own, note: "lists only the environments the caller has a role in" },
  { operation: "PUT /api/v1/environments/{key}", kind: "api", what: "set an environment's AWS account, region and roles", scope: admins },
  { operation: "POST /api/v1/environments/{key}/test-connection", kind: "api", what: "assume an environment's role and report who AWS says it is", scope: admins },
  { operation: "POST /api/v1/stacks/{name}/adopt", kind: "api", what: "adopt a stack the console did not create", scope: everywhere(ADMINS) },
  { operation: "updateEnvironmentTargetAction", kind: "action", what: "set an environment's AWS settings (Environments)", scope: admins },
  { operation: "testConnectionAction", kind: "action", what: "test an environment's AWS connection (Environments)", scope: admins },
  { operation: "adoptStackAction", kind: "action", what: "adopt an unmanaged stack (Stack)", scope: everywhere(ADMINS) },
];

/** A caller of the matrix: a role for every environment or for staging only, or credentials that no longer work. */
export type Caller = { role: RoleName; grant: "*" | "staging" } | { dead: "disabled user" | "revoked token" | "expired token" | "no credentials" };

/** Whether the caller may do the thing anywhere at all (in some environment, or with an approved request). */
export function mayAtAll(row: AccessRow, caller: Caller): boolean {
  if ("dead" in caller) return false;
  if (row.withApproval?.includes(caller.role) && caller.grant === "*") return true;
  return (["staging", "production"] as const).some((env) => expectedAnswer(row, caller, env) === "allowed");
}

/** The answer the table promises: allowed (any answer but 401/403/5xx), or refused with 401 or 403. */
export function expectedAnswer(row: AccessRow, caller: Caller, environment: "staging" | "production"): "allowed" | 401 | 403 {
  if ("dead" in caller) return 401;
  const { scope } = row;
  if (scope.kind === "own") return "allowed";
  if (scope.kind === "global") return caller.grant === "*" && scope.roles.includes(caller.role) ? "allowed" : 403;
  const holds = caller.grant === "*" || caller.grant === environment;
  return holds && scope[environment].includes(caller.role) ? "allowed" : 403;
}
