// Roles are granted per environment (or for every environment). This file is the single place that says what
// each role may do; lib/auth/guard.ts applies it.

export const ROLES = ["viewer", "deployer", "approver", "admin"] as const;
export type RoleName = (typeof ROLES)[number];

/** Grants for "every environment" use this key. */
export const ALL_ENVIRONMENTS = "*";

export const ACTIONS = [
  "stack:read",
  "change:preview",
  "change:deploy",
  "change:request",
  "change:approve",
  "change:break-glass",
  "audit:read",
  "users:manage",
  // issue 16, notifications
  "notifications:manage",
  // Issue 14: environments are AWS accounts.
  "environment:configure",
  "stack:adopt",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Actions that concern the whole console rather than one environment: they need a grant for every environment. */
export const GLOBAL_ACTIONS: ReadonlySet<Action> = new Set(["audit:read", "users:manage", "notifications:manage", "environment:configure"]);

const PERMISSIONS: Record<RoleName, ReadonlySet<Action>> = {
  viewer: new Set(["stack:read"]),
  deployer: new Set(["stack:read", "change:preview", "change:deploy", "change:request"]),
  approver: new Set(["stack:read", "change:approve"]),
  admin: new Set(ACTIONS),
};

export function roleAllows(role: RoleName, action: Action): boolean {
  return PERMISSIONS[role].has(action);
}
