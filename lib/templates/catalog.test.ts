import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { getEnvironmentByKey } from "../environments/queries.ts";
import { syncTemplateCatalog } from "./sync.ts";
import { listCatalog } from "./queries.ts";
import { getTemplateDetail } from "./detail.ts";
import { applyParameterOverrides } from "./overrides.ts";
import { readTemplateFiles, TEMPLATES_DIR } from "./source-files.ts";

const GOOD = (bucket: string) => `Metadata:
  Stackdeck: { Title: Scratch, Description: A test template, Category: data, DependsOn: [], UserParameters: [] }
Resources:
  Bucket: { Type: AWS::S3::Bucket, Properties: { BucketName: ${bucket} } }
`;

describe("template catalog", () => {
  it("loads every template in infra-templates/ as valid", async () => {
    const db = await testDb();
    const report = await syncTemplateCatalog(db, TEMPLATES_DIR);
    expect(report.invalid).toEqual([]);
    const again = await syncTemplateCatalog(db, TEMPLATES_DIR);
    expect(again.added).toEqual([]); // content-addressed: unchanged files add nothing
  });

  it("keeps serving the last valid version when a source turns invalid, and never changes a stored version", async () => {
    const db = await testDb();
    const dir = mkdtempSync(path.join(os.tmpdir(), "stackdeck-templates-"));
    const name = `scratch${Date.now()}`;
    writeFileSync(path.join(dir, `${name}.yaml`), GOOD("first"));
    expect((await syncTemplateCatalog(db, dir)).added).toEqual([{ name, valid: true }]);
    const first = await db.template.findUniqueOrThrow({ where: { name }, select: { currentVersionId: true } });

    writeFileSync(path.join(dir, `${name}.yaml`), "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Oops: [\n");
    const report = await syncTemplateCatalog(db, dir);
    expect(report.invalid).toEqual([{ name, file: expect.stringContaining(`${name}.yaml`), issues: [expect.objectContaining({ message: expect.stringContaining("YAML not well-formed"), line: expect.any(Number) })] }]);
    const still = await db.template.findUniqueOrThrow({ where: { name }, select: { currentVersionId: true } });
    expect(still.currentVersionId).toBe(first.currentVersionId);

    // The app's role may not even try; the owner is stopped by the trigger.
    const app = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await app.connect();
    await expect(app.query(`UPDATE template_versions SET body = 'x' WHERE template_name = $1`, [name])).rejects.toThrow(/permission denied/);
    await app.end();
    const client = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
    await client.connect();
    await expect(client.query(`UPDATE template_versions SET body = 'x' WHERE template_name = $1`, [name])).rejects.toThrow(/immutable/);
    await expect(client.query(`DELETE FROM template_versions WHERE template_name = $1`, [name])).rejects.toThrow(/immutable/);
    await client.end();
    const audit = await db.auditEvent.findMany({ where: { targetId: name }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["template.version_added", "template.version_rejected"]);
  });

  it("lists the catalog with monthly estimates per environment, network first", async () => {
    const db = await testDb();
    await syncTemplateCatalog(db, TEMPLATES_DIR);
    const viewer = await makeActor("viewer");
    const staging = await listCatalog(db, viewer, await getEnvironmentByKey(db, "staging"));
    const production = await listCatalog(db, viewer, await getEnvironmentByKey(db, "production"));
    // Other test files add templates of their own to the shared test database: look at ours only.
    const ours = new Set((await readTemplateFiles(path.resolve(import.meta.dirname, "../../infra-templates"))).map((f) => f.name));
    const platform = staging.filter((t) => ours.has(t.name));
    expect(platform.map((t) => t.name).slice(0, 2)).toContain("network");
    const cost = (entries: typeof staging, name: string) => entries.find((t) => t.name === name)!.monthlyEstimate!;
    expect(cost(production, "database")).toBeGreaterThan(cost(staging, "database")); // Multi-AZ, bigger class
    expect(cost(production, "network")).toBeGreaterThan(cost(staging, "network")); // a NAT gateway per zone
    expect(platform.every((t) => t.resourceCount > 0 && t.version !== null)).toBe(true);
  });

  it("shows parameters with environment values and who may change them; refuses profile-only changes", async () => {
    const db = await testDb();
    await syncTemplateCatalog(db, TEMPLATES_DIR);
    const deployer = await makeActor("deployer");
    const production = await getEnvironmentByKey(db, "production");
    const detail = await getTemplateDetail(db, deployer, "database", production);
    const multiAz = detail.parameters.find((p) => p.name === "MultiAZ")!;
    expect(multiAz).toMatchObject({ environmentValue: "true", changeableBy: "profile" });
    expect(detail.outputs.some((o) => o.exportName?.startsWith("production-database-"))).toBe(true);
    expect(detail.graph!.nodes.length).toBe(detail.resources.length);

    await expect(
      applyParameterOverrides(db, { actor: deployer, template: "database", environment: production, overrides: { MultiAZ: "false" } }),
    ).rejects.toMatchObject({ code: "validation_failed", fieldErrors: { MultiAZ: [expect.stringContaining("set by the Production profile")] } });
    const retention = detail.parameters.find((p) => p.name === "BackupRetentionPeriod")!;
    expect(retention.changeableBy).toBe("deployers");
    await expect(
      applyParameterOverrides(db, { actor: deployer, template: "database", environment: production, overrides: { BackupRetentionPeriod: "3" } }),
    ).rejects.toMatchObject({ fieldErrors: { BackupRetentionPeriod: [expect.stringContaining("in this environment")] } });
    const bigger = await applyParameterOverrides(db, { actor: deployer, template: "database", environment: production, overrides: { AllocatedStorage: "50" } });
    expect(bigger.diff.monthlyDelta).toBeGreaterThan(0);
  });
});

describe("template Rules in the parameter checks", () => {
  it("refuses a production load balancer without a certificate, and equal storage sizes", async () => {
    const db = await testDb();
    await syncTemplateCatalog(db, TEMPLATES_DIR);
    const deployer = await makeActor("deployer");
    const production = await getEnvironmentByKey(db, "production");
    await expect(
      applyParameterOverrides(db, { actor: deployer, template: "load-balancer", environment: production, overrides: {} }),
    ).rejects.toMatchObject({ fieldErrors: { CertificateArn: expect.arrayContaining([expect.stringContaining("required in this environment")]) } });
    await expect(
      applyParameterOverrides(db, { actor: deployer, template: "database", environment: production, overrides: { AllocatedStorage: "100" } }),
    ).rejects.toMatchObject({ fieldErrors: { AllocatedStorage: [expect.stringContaining("MaxAllocatedStorage must be larger")] } });
  });
});
