import type { Db } from "../db/client.ts";
import { parsedVersion } from "../templates/analyze.ts";
import { environmentParameterValues, stackNameFor } from "../templates/estimate.ts";
import { loadProfile } from "../templates/profiles.ts";
import { NO_ECHO_MASK } from "../deployments/context.ts";
import type { ParameterDifference } from "./types.ts";

// What a promotion takes from the source environment: per template, the version its stack runs and the parameters
// its users changed there (what the source profile did not set). Values the target profile sets are never carried:
// production's instance sizes, retention and protection stay production's.

export interface PromotedStack {
  templateVersionId: string;
  templateSha256: string;
  /** The source's user-chosen values that the target's profile leaves to the user. */
  carried: Record<string, string>;
  /** Everything the source stack was deployed with (NoEcho masked), for the differences. */
  sourceParameters: Record<string, string>;
}

export async function promotedStacks(db: Db, from: string, to: string, templates: string[]): Promise<Map<string, PromotedStack>> {
  const [fromProfile, toProfile] = await Promise.all([loadProfile(from), loadProfile(to)]);
  const out = new Map<string, PromotedStack>();
  for (const template of templates) {
    const last = await db.deployment.findFirst({
      where: { stack: { name: stackNameFor(from, template), deletedAt: null }, status: "succeeded", action: { not: "delete" } },
      orderBy: { createdAt: "desc" },
      select: { parameters: true, templateVersion: { select: { id: true, sha256: true, body: true } } },
    });
    if (!last?.templateVersion) continue; // not deployed in the source: nothing to promote
    const doc = parsedVersion(last.templateVersion.sha256, last.templateVersion.body).document;
    const deployed = last.parameters as Record<string, string>;
    const setByTarget = toProfile?.stacks[template]?.parameters ?? {};
    const changed = userChangedValues(deployed, environmentParameterValues(doc, template, from, fromProfile));
    const carried = Object.fromEntries(Object.entries(changed).filter(([key]) => !(key in setByTarget)));
    out.set(template, { templateVersionId: last.templateVersion.id, templateSha256: last.templateVersion.sha256, carried, sourceParameters: deployed });
  }
  return out;
}

/** What the users chose for a stack: its deployed values that differ from the environment's own (NoEcho aside). */
export function userChangedValues(deployed: Record<string, string>, baseline: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(deployed).filter(([key, value]) => key !== "EnvironmentName" && value !== NO_ECHO_MASK && baseline[key] !== value));
}

/** The values a stack keeps in an "apply" plan of its own environment: what its users chose before. */
export async function keptValues(db: Db, environment: string, template: string, stackId: string): Promise<Record<string, string>> {
  const last = await db.deployment.findFirst({
    where: { stackId, status: "succeeded", action: { not: "delete" } },
    orderBy: { createdAt: "desc" },
    select: { parameters: true, templateVersion: { select: { sha256: true, body: true } } },
  });
  if (!last?.templateVersion) return {};
  const doc = parsedVersion(last.templateVersion.sha256, last.templateVersion.body).document;
  return userChangedValues(last.parameters as Record<string, string>, environmentParameterValues(doc, template, environment, await loadProfile(environment)));
}

/** The parameters that differ between the source stack and what the plan deploys here (EnvironmentName aside). */
export function parameterDifferences(source: Record<string, string>, target: Record<string, string>): ParameterDifference[] {
  const keys = [...new Set([...Object.keys(source), ...Object.keys(target)])].filter((k) => k !== "EnvironmentName").sort();
  return keys.filter((k) => source[k] !== target[k]).map((name) => ({ name, from: source[name] ?? null, to: target[name] ?? null }));
}
