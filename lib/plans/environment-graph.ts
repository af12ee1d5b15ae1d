import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import { catalogDependencies } from "../deployments/upstream.ts";
import { stackFacts, type LastDeployment } from "../deployments/stack-summaries.ts";
import { parsedVersion } from "../templates/analyze.ts";
import { stackNameFor } from "../templates/estimate.ts";
import { loadProfile } from "../templates/profiles.ts";
import { NO_ECHO_MASK } from "../deployments/context.ts";
import { buildGraph } from "./graph.ts";

// The Environment page's picture: the platform's stacks as the graph plans use (real imports and the catalog's
// DependsOn), each node with what the console knows of it now, and the values a plan needs from the user.

export interface GraphNodeView {
  template: string;
  stackName: string;
  level: number;
  /** CloudFormation status, or null: the stack is not created. */
  status: string | null;
  lastDeployment: LastDeployment | null;
  alarmsInAlarm: number;
  monthly: number | null;
}

export interface UserParameterView {
  template: string;
  key: string;
  description: string | null;
  required: boolean;
  value: string;
}

export interface EnvironmentGraphView {
  nodes: GraphNodeView[];
  edges: { from: string; to: string; exports: string[] }[]; // `from` needs `to`
  userParameters: UserParameterView[];
}

export async function getEnvironmentGraph(db: Db, actor: Actor, environment: EnvironmentSummary): Promise<EnvironmentGraphView> {
  assertCan(actor, "stack:read", environment);
  const dependencies = await catalogDependencies(db, environment.key);
  const graph = buildGraph(dependencies);
  const stacks = await db.stack.findMany({
    where: { environmentId: environment.id, deletedAt: null, name: { in: graph.order.map((t) => stackNameFor(environment.key, t)) } },
    select: { id: true, name: true, status: true },
  });
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const [facts, alarms] = await Promise.all([
    stackFacts(db, stacks.map((s) => s.id)),
    db.alarm.groupBy({ by: ["stackId"], where: { stackId: { in: stacks.map((s) => s.id) }, state: "ALARM" }, _count: { _all: true } }),
  ]);
  const alarmCount = new Map(alarms.map((a) => [a.stackId, a._count._all]));
  const nodes = graph.order.map((template): GraphNodeView => {
    const row = byName.get(stackNameFor(environment.key, template));
    const created = row && row.status && row.status !== "REVIEW_IN_PROGRESS" && row.status !== "DELETE_COMPLETE";
    const f = row ? facts.get(row.id) : undefined;
    return {
      template, stackName: stackNameFor(environment.key, template), level: graph.level.get(template)!, status: created ? row!.status : null,
      lastDeployment: f?.lastDeployment ?? null, alarmsInAlarm: row ? (alarmCount.get(row.id) ?? 0) : 0, monthly: created ? (f?.monthlyEstimate ?? null) : null,
    };
  });
  const edges = [...graph.needs].flatMap(([from, tos]) => tos.map((to) => ({ from, to, exports: dependencies.get(from)?.get(to) ?? [] })));
  return { nodes, edges, userParameters: await userParameters(db, environment, stacks) };
}

/** What the profile leaves to the user and requires (e.g. iam's GitHubRepository), prefilled with what is deployed. */
async function userParameters(db: Db, environment: EnvironmentSummary, stacks: { id: string; name: string }[]): Promise<UserParameterView[]> {
  const profile = await loadProfile(environment.key);
  const templates = await db.template.findMany({ where: { currentVersionId: { not: null } }, select: { name: true, currentVersion: { select: { sha256: true, body: true } } } });
  const out: UserParameterView[] = [];
  for (const t of templates.sort((a, b) => a.name.localeCompare(b.name))) {
    const doc = parsedVersion(t.currentVersion!.sha256, t.currentVersion!.body).document;
    const overridable = profile?.stacks[t.name]?.overridable ?? {};
    const stack = stacks.find((s) => s.name === stackNameFor(environment.key, t.name));
    const deployed = stack ? await lastParameters(db, stack.id) : {};
    for (const [key, bound] of Object.entries(overridable)) {
      const spec = doc.Parameters?.[key];
      if (!spec || !bound.required) continue;
      const value = deployed[key] && deployed[key] !== NO_ECHO_MASK ? deployed[key]! : "";
      out.push({ template: t.name, key, description: spec.Description ?? null, required: true, value });
    }
  }
  return out;
}

async function lastParameters(db: Db, stackId: string): Promise<Record<string, string>> {
  const last = await db.deployment.findFirst({ where: { stackId, status: "succeeded", action: { not: "delete" } }, orderBy: { createdAt: "desc" }, select: { parameters: true } });
  return (last?.parameters as Record<string, string> | undefined) ?? {};
}
