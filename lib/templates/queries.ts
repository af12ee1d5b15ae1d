import { profileInTargetRegion } from "../environments/targets.ts";
import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { notFound } from "../errors.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import type { Estimate } from "../cost/types.ts";
import { parsedVersion } from "./analyze.ts";
import { estimateTemplate } from "./estimate.ts";
import { loadProfile, type EnvironmentProfile } from "./profiles.ts";
import type { TemplateDocument, TemplateIssue } from "./types.ts";

export interface CatalogEntry {
  name: string;
  title: string;
  description: string;
  category: string;
  dependsOn: string[];
  resourceCount: number;
  version: { id: string; sha256: string; createdAt: string } | null;
  /** Issues of the newest source when it is invalid (the current version, if any, is still served). */
  pendingIssues: TemplateIssue[];
  monthlyEstimate: number | null;
}

const versionSelect = { id: true, sha256: true, body: true, createdAt: true, valid: true, issues: true } as const;

interface TemplateRow {
  name: string;
  currentVersion: { id: string; sha256: string; body: string; createdAt: Date } | null;
  versions: { id: string; sha256: string; body: string; createdAt: Date; valid: boolean; issues: unknown }[];
}

export function toCatalogEntry(row: TemplateRow, environment: string, profile: EnvironmentProfile | null): CatalogEntry {
  const current = row.currentVersion;
  const newest = row.versions[0];
  const doc: TemplateDocument | null = current ? parsedVersion(current.sha256, current.body).document : null;
  const meta = doc?.Metadata?.Stackdeck;
  return {
    name: row.name,
    title: meta?.Title ?? row.name,
    description: meta?.Description ?? "",
    category: meta?.Category ?? "uncategorised",
    dependsOn: meta?.DependsOn ?? [],
    resourceCount: doc ? Object.keys(doc.Resources).length : 0,
    version: current ? { id: current.id, sha256: current.sha256, createdAt: current.createdAt.toISOString() } : null,
    pendingIssues: newest && !newest.valid ? (newest.issues as TemplateIssue[]) : [],
    monthlyEstimate: doc ? safeEstimate(doc, row.name, environment, profile)?.monthlyTotal ?? null : null,
  };
}

function safeEstimate(doc: TemplateDocument, name: string, environment: string, profile: EnvironmentProfile | null): Estimate | null {
  try {
    return estimateTemplate(doc, name, environment, profile);
  } catch (error) {
    console.error(`estimate of ${name} in ${environment} failed`, error);
    return null;
  }
}

/** The catalog for one environment, in dependency order of the platform (network first). */
export async function listCatalog(db: Db, actor: Actor, environment: EnvironmentSummary): Promise<CatalogEntry[]> {
  assertCan(actor, "stack:read", environment);
  const [rows, profile] = await Promise.all([
    db.template.findMany({
      select: {
        name: true,
        currentVersion: { select: versionSelect },
        versions: { select: versionSelect, orderBy: { createdAt: "desc" }, take: 1 },
      },
    }),
    profileInTargetRegion(db, environment.key),
  ]);
  return sortByDependencies(rows.map((row) => toCatalogEntry(row, environment.key, profile)));
}

function sortByDependencies(entries: CatalogEntry[]): CatalogEntry[] {
  const depth = new Map<string, number>();
  const byName = new Map(entries.map((e) => [e.name, e]));
  const depthOf = (name: string, seen = new Set<string>()): number => {
    if (depth.has(name)) return depth.get(name)!;
    if (seen.has(name)) return 0;
    seen.add(name);
    const deps = byName.get(name)?.dependsOn ?? [];
    const d = deps.length ? Math.max(...deps.map((dep) => depthOf(dep, seen))) + 1 : 0;
    depth.set(name, d);
    return d;
  };
  return [...entries].sort((a, b) => depthOf(a.name) - depthOf(b.name) || a.name.localeCompare(b.name));
}

export async function getTemplateRow(db: Db, name: string) {
  const row = await db.template.findUnique({
    where: { name },
    select: {
      name: true,
      currentVersion: { select: versionSelect },
      versions: { select: versionSelect, orderBy: { createdAt: "desc" } },
    },
  });
  if (!row) throw notFound(`Template "${name}"`);
  return row;
}
