import { createHash } from "node:crypto";
import type { Db, Tx } from "../db/client.ts";
import { AppError, notFound } from "../errors.ts";
import type { RequestMeta } from "../audit/record.ts";
import type { Actor } from "../auth/guard.ts";
import { getEnvironmentByKey, type EnvironmentSummary } from "../environments/queries.ts";
import type { TemplateDocument } from "../templates/types.ts";
import { ACTIVE_STATUSES, type DeploymentStatus } from "./types.ts";
import type { Faults } from "./faults.ts";

// Helpers the deployment commands share: loading a stack with its environment, names, masking, conflicts.

export interface Command<I> {
  actor: Actor;
  input: I;
  meta?: RequestMeta;
  /** Failure points between AWS calls and database writes (faults.ts); STACKDECK_FAULT's, else none. */
  faults?: Faults;
}

export const NO_ECHO_MASK = "****";
export const ACTIVE = [...ACTIVE_STATUSES] as DeploymentStatus[];

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;

/** `<environment>-<template>[-<suffix>]`, within CloudFormation's rules for stack names. */
export function checkStackName(environment: string, template: string, requested?: string): string {
  const base = `${environment}-${template}`;
  const name = requested ?? base;
  const suffix = name.startsWith(`${base}-`) ? name.slice(base.length + 1) : null;
  const ok = name === base || (suffix !== null && /^[a-z0-9][a-z0-9-]*$/.test(suffix));
  if (!ok || !STACK_NAME.test(name) || name.length > 128) {
    throw new AppError("validation_failed", "The stack name is not allowed.", {
      stackName: [`Use ${base} or ${base}-<suffix> (lower-case letters, digits and hyphens), at most 128 characters.`],
    });
  }
  return name;
}

export function isNoEcho(doc: TemplateDocument, name: string): boolean {
  const flag = doc.Parameters?.[name]?.NoEcho;
  return flag === true || flag === "true";
}

/** Values as we store and show them: NoEcho values never leave the request that carried them. */
export function maskParameters(doc: TemplateDocument, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, isNoEcho(doc, k) ? NO_ECHO_MASK : v]));
}

/** Binds an approval (issue 6) to exactly these values; sorted so the order of keys does not matter. */
export function parametersHash(values: Record<string, string>): string {
  const canonical = JSON.stringify(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
  return createHash("sha256").update(canonical).digest("hex");
}

export const changeSetNameFor = (deploymentId: string) => `stackdeck-${deploymentId.replace(/-/g, "").slice(0, 12)}`;

export interface StackContext {
  id: string;
  name: string;
  templateName: string;
  region: string;
  awsStackId: string | null;
  status: string | null;
  deletedAt: Date | null;
  environment: EnvironmentSummary;
}

export async function findStackByName(db: Db | Tx, name: string): Promise<StackContext | null> {
  return db.stack.findUnique({
    where: { name },
    select: {
      id: true, name: true, templateName: true, region: true, awsStackId: true, status: true, deletedAt: true,
      environment: { select: { id: true, key: true, name: true, requiresApproval: true } },
    },
  });
}

export async function requireStack(db: Db, name: string): Promise<StackContext> {
  const stack = await findStackByName(db, name);
  if (!stack) throw notFound(`Stack ${name}`);
  return stack;
}

export function activeDeploymentOf(db: Db | Tx, stackId: string) {
  return db.deployment.findFirst({ where: { stackId, status: { in: ACTIVE } }, select: { id: true, status: true } });
}

/** The change holding a stack by name, if any (the change form shows it, with Discard, before a conflict). */
export async function activeChangeOf(db: Db, stackName: string): Promise<{ id: string; status: DeploymentStatus } | null> {
  const stack = await db.stack.findUnique({ where: { name: stackName }, select: { id: true } });
  return stack ? activeDeploymentOf(db, stack.id) : null;
}

export { getEnvironmentByKey };

/** Postgres unique violations as Prisma reports them, telling which index refused the row. */
export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; meta?: unknown; message?: string } | null;
  if (e?.code !== "P2002") return null;
  const text = `${JSON.stringify(e.meta ?? {})} ${e.message ?? ""}`;
  if (text.includes("deployments_client_token_key") || text.includes("clientToken")) return "client_token";
  if (text.includes("deployments_one_active_per_stack")) return "one_active";
  return "other";
}

/**
 * The one-change-at-a-time refusal, naming the change that holds the stack. `fields.activeDeployment` carries its
 * id and status, so the console links it (with Discard beside it) and scripts need not parse the sentence.
 */
export async function activeChangeConflict(db: Db | Tx, stackId: string, stackName: string): Promise<AppError> {
  const active = await activeDeploymentOf(db, stackId);
  const which = active ? `: ${active.id} (${active.status})` : "";
  const fields = active ? { activeDeployment: [active.id, active.status] } : undefined;
  return new AppError("conflict", `Stack ${stackName} already has an active change${which}. Finish, discard or cancel it first.`, fields);
}

/** One sentence: whitespace collapsed, one final full stop. */
export function sentence(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim().replace(/[.\s]+$/, "");
  return `${clean}.`;
}
