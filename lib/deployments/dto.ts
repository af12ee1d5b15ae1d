import type { CostDelta, DeploymentAction, DeploymentDetail, DeploymentStatus, DeploymentSummary, ParameterChange, ResourceChange } from "./types.ts";

// Rows to plain DTOs. Each query selects exactly these fields; nothing else reaches a page or the API.

export const summarySelect = {
  id: true,
  action: true,
  status: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  resultReason: true,
  resourcesTotal: true,
  resourcesDone: true,
  breakGlass: true,
  requestedBy: { select: { email: true } },
  stack: { select: { name: true, templateName: true, environment: { select: { key: true } } } },
} as const;

export const detailSelect = {
  ...summarySelect,
  parameters: true,
  changeSetId: true,
  changes: true,
  costDelta: true,
  rollbackToId: true,
  autoExecute: true,
  note: true,
  breakGlassReason: true,
  eventsCount: true,
  executedBy: { select: { email: true } },
  templateVersion: { select: { id: true, sha256: true, createdAt: true } },
  stack: { select: { id: true, name: true, templateName: true, status: true, environment: { select: { key: true } } } },
} as const;

interface SummaryRow {
  id: string;
  action: DeploymentAction;
  status: DeploymentStatus;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  resultReason: string | null;
  resourcesTotal: number;
  resourcesDone: number;
  breakGlass: boolean;
  requestedBy: { email: string };
  stack: { name: string; templateName: string; environment: { key: string } };
}

interface DetailRow extends SummaryRow {
  parameters: unknown;
  changeSetId: string | null;
  changes: unknown;
  costDelta: unknown;
  rollbackToId: string | null;
  autoExecute: boolean;
  note: string | null;
  breakGlassReason: string | null;
  eventsCount: number;
  executedBy: { email: string } | null;
  templateVersion: { id: string; sha256: string; createdAt: Date } | null;
  stack: SummaryRow["stack"] & { status: string | null };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toSummary(row: SummaryRow): DeploymentSummary {
  return {
    id: row.id,
    stackName: row.stack.name,
    environment: row.stack.environment.key,
    templateName: row.stack.templateName,
    action: row.action,
    status: row.status,
    requestedBy: row.requestedBy.email,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    resultReason: row.resultReason,
    resourcesTotal: row.resourcesTotal,
    resourcesDone: row.resourcesDone,
    breakGlass: row.breakGlass,
  };
}

export function durationSeconds(row: { startedAt: Date | null; finishedAt: Date | null }): number | null {
  return row.startedAt && row.finishedAt ? Math.round((row.finishedAt.getTime() - row.startedAt.getTime()) / 1000) : null;
}

export function toDetail(row: DetailRow, previousParameters: Record<string, string> | null): DeploymentDetail {
  const parameters = (row.parameters ?? {}) as Record<string, string>;
  const total = row.resourcesTotal;
  const done = Math.min(row.resourcesDone, total);
  return {
    ...toSummary(row),
    stackStatus: row.stack.status,
    templateVersion: row.templateVersion
      ? { id: row.templateVersion.id, sha256: row.templateVersion.sha256, createdAt: row.templateVersion.createdAt.toISOString() }
      : null,
    parameters,
    parameterDiff: row.action === "delete" ? [] : diffParameters(previousParameters, parameters),
    changeSetId: row.changeSetId,
    changes: (row.changes ?? []) as ResourceChange[],
    costDelta: (row.costDelta ?? null) as CostDelta | null,
    rollbackToId: row.rollbackToId,
    autoExecute: row.autoExecute,
    executedBy: row.executedBy?.email ?? null,
    note: row.note,
    breakGlassReason: row.breakGlassReason,
    eventsCount: row.eventsCount,
    progress: { done, total, percent: total ? Math.round((done / total) * 100) : row.status === "succeeded" ? 100 : 0 },
    durationSeconds: durationSeconds(row),
  };
}

/** Parameters added, removed or changed since the previous deployment (all of them for the first one). */
export function diffParameters(before: Record<string, string> | null, after: Record<string, string>): ParameterChange[] {
  const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].sort();
  return names
    .map((name) => ({ name, before: before?.[name] ?? null, after: after[name] ?? null }))
    .filter((c) => c.before !== c.after);
}
