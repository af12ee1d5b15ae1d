import { forbidden } from "../errors.ts";
import { ALL_ENVIRONMENTS, GLOBAL_ACTIONS, roleAllows, type Action, type RoleName } from "./roles.ts";

export interface Grant {
  environment: string; // an environment key, or "*" for every environment
  role: RoleName;
}

/** Who is acting: a signed-in user, or a user's API token (then tokenId is set). Grants are read fresh per request. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  tokenId?: string;
  grants: Grant[];
}

export interface EnvironmentPolicy {
  key: string;
  requiresApproval: boolean;
}

/**
 * The one answer to "may this actor do this here?". Every server action and route handler asks it.
 * Environment actions need a grant for that environment (or for all); global ones need a grant for all.
 * In an environment that requires approval, only an admin may deploy directly; deployers request instead.
 */
export function can(actor: Actor, action: Action, environment?: EnvironmentPolicy): boolean {
  const global = GLOBAL_ACTIONS.has(action);
  if (!global && !environment) return false;
  const applies = (g: Grant) => g.environment === ALL_ENVIRONMENTS || (!global && g.environment === environment?.key);
  const roles = actor.grants.filter(applies).map((g) => g.role);
  if (action === "change:deploy" && environment?.requiresApproval) return roles.includes("admin");
  return roles.some((role) => roleAllows(role, action));
}

export function assertCan(actor: Actor, action: Action, environment?: EnvironmentPolicy): void {
  if (!can(actor, action, environment)) throw forbiddenTo(action, environment);
}

/** Whether any grant lets the actor do this anywhere: the check before input is read, where the place is unknown yet. */
export function canSomewhere(actor: Actor, action: Action): boolean {
  if (GLOBAL_ACTIONS.has(action)) return can(actor, action);
  return actor.grants.some((g) => roleAllows(g.role, action));
}

export function forbiddenTo(action: Action, environment?: { key: string }) {
  return forbidden(`You do not have permission to ${describe(action)}${environment ? ` in ${environment.key}` : ""}.`);
}

const DESCRIPTIONS: Record<Action, string> = {
  "stack:read": "view stacks",
  "change:preview": "preview changes",
  "change:deploy": "deploy changes",
  "change:request": "request changes",
  "change:approve": "approve changes",
  "change:break-glass": "use emergency access",
  "audit:read": "read the audit log",
  "users:manage": "manage users and access",
  "notifications:manage": "manage notifications", // issue 16
  "environment:configure": "change environments' AWS settings",
  "stack:adopt": "adopt stacks",
};

function describe(action: Action): string {
  return DESCRIPTIONS[action];
}

/** The environments an actor may see at all, for navigation and the environment switcher. */
export function visibleEnvironments<E extends EnvironmentPolicy>(actor: Actor, environments: E[]): E[] {
  return environments.filter((env) => can(actor, "stack:read", env));
}

/** Operators at the command line (npx stackdeck) act as "system": they already hold the database credentials. */
export type Principal = Actor | "system";

export function assertPrincipalCan(principal: Principal, action: Action, environment?: EnvironmentPolicy): void {
  if (principal !== "system") assertCan(principal, action, environment);
}
