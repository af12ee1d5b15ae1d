import type { Db } from "../db/client.ts";
import { can, canSomewhere, forbiddenTo, type Actor, type EnvironmentPolicy } from "./guard.ts";
import type { Action } from "./roles.ts";

// "Authorize first": every route and server action names what it needs, and the edge answers 403 before it
// validates anything, for callers who may not do the thing at all (or not in the environment the request names).
// The domain functions still check everything themselves (ownership, four-eyes, state); this only fixes the order.

/** The raw request fields, unvalidated: query, path parameters and body (or form fields). */
export type RawFields = Record<string, unknown>;
/** Where the request acts, read from its raw fields; null when they do not say (then any environment will do). */
export type EnvironmentResolver = (db: Db, fields: RawFields) => Promise<EnvironmentPolicy | null>;

export interface AccessRule {
  /** The caller must be allowed one of these (a function: it depends on the request, e.g. break glass). */
  requires: Action | Action[] | ((fields: RawFields) => Action | Action[]);
  environment?: EnvironmentResolver;
}

/** Any signed-in user or valid token: the operation concerns only the caller's own things (me, own tokens). */
export const SIGNED_IN = "signed-in" as const;
export type Access = AccessRule | typeof SIGNED_IN;

export async function authorizeFirst(db: Db, actor: Actor, access: Access, fields: RawFields): Promise<void> {
  if (access === SIGNED_IN) return;
  const required = typeof access.requires === "function" ? access.requires(fields) : access.requires;
  const actions = Array.isArray(required) ? required : [required];
  const environment = access.environment ? await access.environment(db, fields) : null;
  const allowed = actions.some((action) => (environment ? can(actor, action, environment) : canSomewhere(actor, action)));
  if (!allowed) throw forbiddenTo(actions[0]!, environment ?? undefined);
}

const ENVIRONMENT = { key: true, requiresApproval: true } as const;
const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" && value.length <= 255 ? value.trim() : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The environment a field names (e.g. `environment`), or `fallback` when the field is absent (a schema's default). */
export function environmentField(name = "environment", fallback?: string): EnvironmentResolver {
  return async (db, fields) => {
    const key = fields[name] === undefined ? (fallback ?? null) : text(fields[name]);
    return key ? db.environment.findUnique({ where: { key }, select: ENVIRONMENT }) : null;
  };
}

/**
 * The environment of the deployment a field names. `recovery`: stopping or rolling back only returns a stack to
 * where it was, so the environment's approval rule does not apply (as in lib/deployments/recovery.ts).
 */
export function environmentOfDeployment(name = "deploymentId", options: { recovery?: boolean } = {}): EnvironmentResolver {
  return async (db, fields) => {
    const id = text(fields[name]);
    if (!id || !UUID.test(id)) return null;
    const row = await db.deployment.findUnique({ where: { id }, select: { stack: { select: { environment: { select: ENVIRONMENT } } } } });
    const env = row?.stack.environment ?? null;
    return env && options.recovery ? { ...env, requiresApproval: false } : env;
  };
}

/** The environment of the stack a field names. */
export function environmentOfStack(name = "stackName"): EnvironmentResolver {
  return async (db, fields) => {
    const stackName = text(fields[name]);
    if (!stackName) return null;
    const managed = await db.stack.findUnique({ where: { name: stackName }, select: { environment: { select: ENVIRONMENT } } });
    if (managed) return managed.environment;
    // A stack the console does not manage (issue 14: found in an environment's account by discovery).
    const found = await db.discoveredStack.findFirst({ where: { name: stackName }, orderBy: { seenAt: "desc" }, select: { environmentId: true } });
    return found ? db.environment.findUnique({ where: { id: found.environmentId }, select: ENVIRONMENT }) : null;
  };
}

/** The environment of the plan a field names (issue 15). */
export function environmentOfPlan(name = "planId"): EnvironmentResolver {
  return async (db, fields) => {
    const id = text(fields[name]);
    if (!id || !UUID.test(id)) return null;
    const plan = await db.plan.findUnique({ where: { id }, select: { environmentKey: true } });
    return plan ? db.environment.findUnique({ where: { key: plan.environmentKey }, select: ENVIRONMENT }) : null;
  };
}
