import { TEMPLATE_DIR, P } from "../deployments/test-support/env.ts";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { requestChange } from "../deployments/commands.ts";
import { finishPreview } from "../deployments/test-support/flow.ts";
import { updateApprovalPolicy } from "./policy.ts";
import type { ApprovalPolicyInput } from "./schema.ts";

// An environment of its own per test file (its policy is changed freely without touching production's), a small
// template with one user parameter, and the people the rules are about.

export const template = `${P}note`;

const body = `AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  Stackdeck: { Title: Note, Description: test template, Category: data, DependsOn: [], UserParameters: [Message] }
Parameters:
  Message: { Type: String, Default: one, MaxLength: 40 }
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Value: !Ref Message }
`;

export interface ApprovalWorld {
  db: Db;
  env: string;
  other: string;
  deployer: Actor;
  approvers: Actor[];
  otherApprover: Actor;
  admin: Actor;
  viewer: Actor;
}

export async function approvalWorld(label: string): Promise<ApprovalWorld> {
  const db = await testDb();
  const env = `${label}${P}`;
  const other = `${label}${P}x`;
  for (const key of [env, other]) {
    writeFileSync(path.join(TEMPLATE_DIR, "environments", `${key}.yaml`), `name: ${key}\nregion: us-east-1\nrequiresApproval: true\nstacks:\n  ${template}:\n    parameters: {}\n    overridable:\n      Message: {}\n`);
    await db.environment.create({ data: { key, name: `Env ${key}`, requiresApproval: true, sortOrder: 9 } });
  }
  writeFileSync(path.join(TEMPLATE_DIR, `${template}.yaml`), body);
  await syncTemplateCatalog(db, TEMPLATE_DIR);
  const [deployer, a1, a2, a3, otherApprover, admin, viewer] = await Promise.all([
    makeActor("deployer", env), makeActor("approver", env, "approver1"), makeActor("approver", env, "approver2"),
    makeActor("approver", env, "approver3"), makeActor("approver", other, "other-approver"), makeActor("admin"), makeActor("viewer", env),
  ]);
  return { db, env, other, deployer, approvers: [a1!, a2!, a3!], otherApprover: otherApprover!, admin: admin!, viewer: viewer! };
}

export async function setPolicy(w: ApprovalWorld, policy: Partial<ApprovalPolicyInput>): Promise<void> {
  await updateApprovalPolicy(w.db, { actor: "system", input: { environment: w.env, requiresApproval: true, approvers: 1, validityHours: 24, ...policy } });
}

let n = 0;

/** A ready preview creating a new stack (a suffix each, so every preview has changes). */
export async function readyPreview(w: ApprovalWorld, actor: Actor = w.deployer, stackSuffix = `s${++n}`): Promise<string> {
  const started = await requestChange(w.db, {
    actor,
    input: { environment: w.env, template, stackName: `${w.env}-${template}-${stackSuffix}`, action: "create", parameters: { Message: "hello" } },
  });
  const status = await finishPreview(w.db, started.id);
  if (status !== "ready") throw new Error(`preview ended ${status}`);
  return started.id;
}
