import type { Db, Tx } from "../db/client.ts";
import { AppError, notFound } from "../errors.ts";
import { assertPrincipalCan, type Principal } from "../auth/guard.ts";
import { hashPassword } from "../auth/password.ts";
import { ALL_ENVIRONMENTS } from "../auth/roles.ts";
import { recordAudit, type RequestMeta } from "../audit/record.ts";
import type { CreateUserInput, GrantInput } from "./schema.ts";

interface Command<I> {
  actor: Principal;
  input: I;
  meta?: RequestMeta;
}

async function environmentIdFor(tx: Tx, key: string): Promise<string | null> {
  if (key === ALL_ENVIRONMENTS) return null;
  const env = await tx.environment.findUnique({ where: { key }, select: { id: true } });
  if (!env) throw new AppError("validation_failed", `Unknown environment "${key}".`, { environment: ["Unknown environment."] });
  return env.id;
}

async function userIdByEmail(tx: Tx, email: string): Promise<string> {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw notFound(`User ${email}`);
  return user.id;
}

const grantorId = (actor: Principal) => (actor === "system" ? null : actor.userId);

export async function createUser(db: Db, { actor, input, meta }: Command<CreateUserInput>): Promise<{ id: string }> {
  assertPrincipalCan(actor, "users:manage");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("conflict", `A user with email ${input.email} already exists.`);
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash },
      select: { id: true },
    });
    await recordAudit(tx, { actor, action: "user.created", target: { type: "user", id: input.email }, meta, details: { name: input.name } });
    if (input.role) await grantInTx(tx, actor, { email: input.email, role: input.role, environment: input.environment }, meta);
    return user;
  });
}

export async function grantRole(db: Db, { actor, input, meta }: Command<GrantInput>): Promise<void> {
  assertPrincipalCan(actor, "users:manage");
  await db.$transaction((tx) => grantInTx(tx, actor, input, meta));
}

async function grantInTx(tx: Tx, actor: Principal, input: GrantInput, meta?: RequestMeta): Promise<void> {
  const userId = await userIdByEmail(tx, input.email);
  const environmentId = await environmentIdFor(tx, input.environment);
  const existing = await tx.roleGrant.findFirst({ where: { userId, environmentId, role: input.role }, select: { id: true } });
  if (existing) return;
  await tx.roleGrant.create({ data: { userId, environmentId, role: input.role, grantedById: grantorId(actor) } });
  await recordRoleChange(tx, actor, "role.granted", input, meta);
}

function recordRoleChange(tx: Tx, actor: Principal, action: "role.granted" | "role.revoked", input: GrantInput, meta?: RequestMeta) {
  return recordAudit(tx, {
    actor,
    action,
    target: { type: "user", id: input.email },
    environment: input.environment === ALL_ENVIRONMENTS ? null : input.environment,
    meta,
    details: { role: input.role, scope: input.environment },
  });
}

export async function revokeRole(db: Db, { actor, input, meta }: Command<GrantInput>): Promise<void> {
  assertPrincipalCan(actor, "users:manage");
  await db.$transaction(async (tx) => {
    const userId = await userIdByEmail(tx, input.email);
    const environmentId = await environmentIdFor(tx, input.environment);
    const grant = await tx.roleGrant.findFirst({ where: { userId, environmentId, role: input.role }, select: { id: true } });
    if (!grant) throw notFound(`That role grant for ${input.email}`);
    await tx.roleGrant.delete({ where: { id: grant.id } });
    await assertAnAdminRemains(tx);
    await recordRoleChange(tx, actor, "role.revoked", input, meta);
  });
}

export async function setUserDisabled(
  db: Db,
  { actor, input, meta }: Command<{ email: string; disabled: boolean }>,
): Promise<void> {
  assertPrincipalCan(actor, "users:manage");
  await db.$transaction(async (tx) => {
    const userId = await userIdByEmail(tx, input.email);
    await tx.user.update({ where: { id: userId }, data: { disabledAt: input.disabled ? new Date() : null } });
    if (input.disabled) await assertAnAdminRemains(tx);
    await recordAudit(tx, {
      actor,
      action: input.disabled ? "user.disabled" : "user.enabled",
      target: { type: "user", id: input.email },
      meta,
    });
  });
}

/** Runs after the change inside the transaction: throwing rolls the change back, so the console is never orphaned. */
async function assertAnAdminRemains(tx: Tx): Promise<void> {
  const admins = await tx.roleGrant.count({ where: { role: "admin", environmentId: null, user: { disabledAt: null } } });
  if (admins === 0) throw new AppError("conflict", "That would leave no administrator; grant admin to someone else first.");
}
