import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../../lib/db/client";
import { createUser } from "../../lib/users/commands";
import { createApiToken } from "../../lib/tokens/commands";
import { commitTransition, insertDeployment } from "../../lib/deployments/state-machine.ts";
import { transitionPlan } from "../../lib/plans/state-machine.ts";

export type Env = "staging" | "production";

/** What the calls act on, per environment: a stack and a finished deployment of it, so every allowed call passes
 *  authorization and is then refused (or answered) for what it asks, and nothing real is deployed. */
export interface MatrixWorld {
  stack: Record<Env, string>;
  deployment: Record<Env, string>;
  /** A finished (cancelled) plan per environment (issue 15). */
  plan: Record<Env, string>;
  policy: Record<Env, Record<string, string>>;
  victim: { id: string; email: string };
  verificationId: string;
  /** issue 16: a far-future teardown schedule per environment (written directly: production refuses them otherwise). */
  teardownSchedule: Record<Env, string>;
  /** Creates a token of `ownerId` (for "revoke my token" / "revoke someone else's" calls). */
  tokenOf: (ownerId: string) => Promise<string>;
  cleanup: (owner: Db) => Promise<void>;
}

export async function setUpWorld(db: Db): Promise<MatrixWorld> {
  const suffix = randomBytes(3).toString("hex");
  const victim = { email: `matrix-victim-${suffix}@example.com`, id: "" };
  victim.id = (await createUser(db, { actor: "system", input: { email: victim.email, name: "Matrix victim", password: "matrix password, long enough", role: "viewer", environment: "staging" } })).id;
  const stack = {} as Record<Env, string>;
  const deployment = {} as Record<Env, string>;
  const plan = {} as Record<Env, string>;
  const policy = {} as Record<Env, Record<string, string>>;
  for (const env of ["staging", "production"] as const) {
    const environment = await db.environment.findUniqueOrThrow({ where: { key: env }, select: { id: true } });
    const row = await db.stack.create({
      data: { name: `${env}-network-matrix${suffix}`, environmentId: environment.id, templateName: "network", region: "us-east-1", status: "CREATE_COMPLETE" },
      select: { id: true, name: true },
    });
    stack[env] = row.name;
    deployment[env] = await finishedDeployment(db, { stackId: row.id, stackName: row.name, environment: env, requestedById: victim.id });
    plan[env] = await finishedPlan(db, { environmentId: environment.id, environment: env, requestedById: victim.id });
    const p = await db.approvalPolicy.findUniqueOrThrow({ where: { environmentId: environment.id } });
    const requires = (await db.environment.findUniqueOrThrow({ where: { key: env }, select: { requiresApproval: true } })).requiresApproval;
    // The policy exactly as it is, so an admin's allowed call changes nothing.
    policy[env] = {
      environment: env,
      ...(requires ? { requiresApproval: "on" } : {}),
      approvers: String(p.approvers),
      validityHours: String(p.validityHours),
      ...(p.costThresholdUsd !== null ? { costThresholdUsd: String(p.costThresholdUsd) } : {}),
    };
  }
  const verificationId = randomUUID();
  await db.auditVerification.create({ data: { id: verificationId, status: "passed", requestedBy: "matrix", finishedAt: new Date() } });
  const teardownSchedule = {} as Record<Env, string>;
  for (const env of ["staging", "production"] as const) {
    const environment = await db.environment.findUniqueOrThrow({ where: { key: env }, select: { id: true } });
    teardownSchedule[env] = (await db.teardownSchedule.create({
      data: { environmentId: environment.id, stackName: stack[env], kind: "ttl", expiresAt: new Date(Date.now() + 90 * 86_400_000), createdById: victim.id },
      select: { id: true },
    })).id;
  }
  return {
    teardownSchedule,
    stack,
    deployment,
    plan,
    policy,
    victim,
    verificationId,
    tokenOf: async (ownerId) => (await createApiToken(db, { actor: "system", ownerId, input: { name: "matrix target", expiresInDays: 1 } })).id,
    // The e2e database is shared with later specs: the fixture stacks must not show up in their counts.
    cleanup: async (owner) => {
      await owner.teardownSchedule.deleteMany({ where: { id: { in: Object.values(teardownSchedule) } } });
      for (const env of ["staging", "production"] as const) {
        await owner.deployment.deleteMany({ where: { stack: { name: stack[env] } } });
        await owner.stack.deleteMany({ where: { name: stack[env] } });
        await owner.plan.deleteMany({ where: { id: plan[env] } });
      }
    },
  };
}

/** A finished change of the victim's, written through the state machine (the only writer of a status). */
async function finishedDeployment(db: Db, x: { stackId: string; stackName: string; environment: Env; requestedById: string }): Promise<string> {
  const id = await db.$transaction((tx) =>
    insertDeployment(tx, "executing", { stackId: x.stackId, action: "create", requestedById: x.requestedById }, { actor: "system", target: x.stackName, environment: x.environment }),
  );
  await commitTransition(db, id, "executing", "deploying", { startedAt: new Date(), audit: { actor: "system" } });
  await commitTransition(db, id, "deploying", "succeeded", { resultReason: "Created by the matrix fixture.", audit: { actor: "system" } });
  return id;
}

/** A plan of the victim's that ended before it started, through the plans' state machine. */
async function finishedPlan(db: Db, x: { environmentId: string; environment: Env; requestedById: string }): Promise<string> {
  const { id } = await db.plan.create({
    data: { environmentId: x.environmentId, environmentKey: x.environment, action: "apply", status: "planning", requestedById: x.requestedById },
    select: { id: true },
  });
  await db.$transaction((tx) => transitionPlan(tx, id, "planning", "cancelled", { resultReason: "Cancelled by the matrix fixture", audit: { actor: "system" } }));
  return id;
}
