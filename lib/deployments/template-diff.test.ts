import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { templateDiffFor } from "./template-diff.ts";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("templateDiffFor", () => {
  it("diffs the template against the stack's last successful version, and is null for parameter-only changes", async () => {
    const db = await testDb();
    const user = await makeActor("deployer");
    const name = `diff${randomUUID().slice(0, 8)}`;
    const v1Body = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n";
    const v2Body = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::SNS::Topic\n";
    await db.template.create({ data: { name } });
    const v1 = await db.templateVersion.create({ data: { templateName: name, sha256: sha(v1Body), body: v1Body, valid: true } });
    const v2 = await db.templateVersion.create({ data: { templateName: name, sha256: sha(v2Body), body: v2Body, valid: true } });
    const env = await db.environment.findUniqueOrThrow({ where: { key: "staging" } });
    const stack = await db.stack.create({ data: { name: `staging-${name}`, environmentId: env.id, templateName: name, region: "us-east-1" } });
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const first = await db.deployment.create({ data: { stackId: stack.id, action: "create", status: "succeeded", templateVersionId: v1.id, requestedById: user.userId, createdAt: at(0) } });
    const same = await db.deployment.create({ data: { stackId: stack.id, action: "update", status: "cancelled", templateVersionId: v1.id, requestedById: user.userId, createdAt: at(1) } });
    const upgrade = await db.deployment.create({ data: { stackId: stack.id, action: "update", status: "ready", templateVersionId: v2.id, requestedById: user.userId, createdAt: at(2) } });

    expect(await templateDiffFor(db, first.id)).toBeNull(); // a new stack: nothing to compare with
    expect(await templateDiffFor(db, same.id)).toBeNull(); // same version
    const diff = await templateDiffFor(db, upgrade.id);
    expect(diff).toMatchObject({ fromVersion: v1.sha256.slice(0, 10), toVersion: v2.sha256.slice(0, 10) });
    expect(diff!.hunks.flatMap((h) => h.lines)).toEqual(expect.arrayContaining(["+  B:", "+    Type: AWS::SNS::Topic"]));
  });
});
