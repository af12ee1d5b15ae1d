import type { Db } from "../db/client.ts";
import { recordAudit } from "../audit/record.ts";
import { analyzeTemplate } from "./analyze.ts";
import { readTemplateFiles, TEMPLATES_DIR, type TemplateFile } from "./source-files.ts";
import type { TemplateIssue } from "./types.ts";

export interface SyncReport {
  added: { name: string; valid: boolean }[];
  unchanged: number;
  invalid: { name: string; file: string; issues: TemplateIssue[] }[];
}

/**
 * Loads infra-templates/ into the catalog. Each new source becomes an immutable version (valid or not, with its
 * issues); a valid one becomes the template's current version, an invalid one never does, so the catalog keeps
 * serving the last valid version. Unchanged files cost one hash comparison.
 */
export async function syncTemplateCatalog(db: Db, dir = TEMPLATES_DIR): Promise<SyncReport> {
  const report: SyncReport = { added: [], unchanged: 0, invalid: [] };
  for (const file of await readTemplateFiles(dir)) {
    const known = await db.templateVersion.findUnique({
      where: { templateName_sha256: { templateName: file.name, sha256: file.sha256 } },
      select: { id: true, valid: true, issues: true },
    });
    if (known) {
      report.unchanged += 1;
      if (known.valid) await db.template.update({ where: { name: file.name }, data: { currentVersionId: known.id } });
      else report.invalid.push({ name: file.name, file: file.file, issues: known.issues as unknown as TemplateIssue[] });
      continue;
    }
    const analysis = await analyzeTemplate(file.body);
    await storeVersion(db, file, analysis.valid, analysis.issues);
    report.added.push({ name: file.name, valid: analysis.valid });
    if (!analysis.valid) report.invalid.push({ name: file.name, file: file.file, issues: analysis.issues });
  }
  return report;
}

async function storeVersion(db: Db, file: TemplateFile, valid: boolean, issues: TemplateIssue[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.template.upsert({ where: { name: file.name }, create: { name: file.name }, update: {} });
    const version = await tx.templateVersion.create({
      data: { templateName: file.name, sha256: file.sha256, body: file.body, valid, issues: issues as object[] },
      select: { id: true },
    });
    if (valid) await tx.template.update({ where: { name: file.name }, data: { currentVersionId: version.id } });
    await recordAudit(tx, {
      actor: "system",
      action: valid ? "template.version_added" : "template.version_rejected",
      target: { type: "template", id: file.name },
      details: { sha256: file.sha256, file: file.file, ...(valid ? {} : { issues: issues.map((i) => i.message).slice(0, 5) }) },
    });
  });
}
