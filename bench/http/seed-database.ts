// The database side of the HTTP bench, written straight with SQL (unnest batches): the stacks the sandbox holds,
// a year of deployments with their stack events, the alarms CloudWatch has with a month of state history. What
// the app would have recorded had it made all those changes itself, at a fraction of the time.
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { CreatedStack } from "./sandbox-stacks.ts";
import type { SandboxAlarm } from "./sandbox-alarms.ts";
import { mulberry32 } from "../audit/seed.ts";

const DAY = 86_400_000;
const BATCH = 2_000;

/** Inserts rows in batches of column arrays: `types` are element types; jsonb and enum:<Type> travel as text. */
async function insertColumns(client: pg.Client, table: string, columns: string[], types: string[], rows: unknown[][]): Promise<void> {
  for (let from = 0; from < rows.length; from += BATCH) {
    const slice = rows.slice(from, from + BATCH);
    const arrays = columns.map((_, i) => slice.map((row) => row[i]));
    const asText = (t: string) => t === "jsonb" || t.startsWith("enum:");
    const select = types.map((t, i) => (t === "jsonb" ? `c${i}::jsonb` : t.startsWith("enum:") ? `c${i}::"${t.slice(5)}"` : `c${i}`)).join(", ");
    const unnest = types.map((t, i) => `$${i + 1}::${asText(t) ? "text" : t}[]`).join(", ");
    await client.query(
      `INSERT INTO ${table} (${columns.join(", ")}) SELECT ${select} FROM unnest(${unnest}) AS t(${columns.map((_, i) => `c${i}`).join(", ")})`,
      arrays,
    );
  }
}

export interface SeededData {
  deployments: number;
  events: number;
  alarms: number;
  stateChanges: number;
}

interface Context {
  environments: Map<string, string>;
  users: string[];
  versions: Map<string, string>;
  monthly: Map<string, number>;
}

export async function seedBenchData(url: string, stacks: CreatedStack[], alarms: SandboxAlarm[], perStack: number, monthly: Map<string, number>): Promise<SeededData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ctx: Context = {
      environments: new Map((await client.query("SELECT key, id FROM environments")).rows.map((r) => [r.key, r.id])),
      users: (await client.query("SELECT id FROM users ORDER BY email")).rows.map((r) => r.id),
      versions: new Map((await client.query("SELECT name, current_version_id FROM templates")).rows.map((r) => [r.name, r.current_version_id])),
      monthly,
    };
    const now = Date.now();
    const stackRows = stacks.map((s) => [randomUUID(), s.name, ctx.environments.get(s.environment), s.template, "us-east-1", s.stackId, s.status,
      JSON.stringify(s.outputs), JSON.stringify(s.parameters), new Date(now - 365 * DAY), new Date(now - DAY)]);
    await insertColumns(client, "stacks", ["id", "name", "environment_id", "template_name", "region", "aws_stack_id", "status", "outputs", "parameters", "created_at", "updated_at"],
      ["uuid", "text", "uuid", "text", "text", "text", "text", "jsonb", "jsonb", "timestamptz", "timestamptz"], stackRows);
    const stackIds = new Map(stackRows.map((r) => [r[1] as string, r[0] as string]));
    const { deployments, events } = history(stacks, stackIds, perStack, ctx, now);
    await insertColumns(client, "deployments", ["id", "stack_id", "action", "status", "template_version_id", "parameters", "changes", "cost_delta", "requested_by_id",
      "executed_by_id", "result_reason", "resources_total", "resources_done", "events_count", "created_at", "updated_at", "started_at", "finished_at"],
      ["uuid", "uuid", "enum:DeploymentAction", "enum:DeploymentStatus", "uuid", "jsonb", "jsonb", "jsonb", "uuid", "uuid", "text", "int4", "int4", "int4", "timestamptz", "timestamptz", "timestamptz", "timestamptz"],
      deployments.map((d) => [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[8], d[9], d[10], d[10], d[11], d[12], d[13], d[12], d[13]]));
    await insertColumns(client, "stack_events", ["event_id", "stack_id", "deployment_id", "timestamp", "logical_id", "physical_id", "resource_type", "status", "reason"],
      ["text", "uuid", "uuid", "timestamptz", "text", "text", "text", "text", "text"], events);
    const stateChanges = await seedAlarms(client, alarms, stackIds, now);
    await client.query("VACUUM ANALYZE stacks, deployments, stack_events, alarms, alarm_state_changes");
    return { deployments: deployments.length, events: events.length, alarms: alarms.length, stateChanges };
  } finally {
    await client.end();
  }
}

const OUTCOMES: [string, number, string | null][] = [
  ["succeeded", 0.88, null],
  ["rolled_back", 0.06, "Resource handler returned message: \"Rate exceeded\" (the update was rolled back)"],
  ["failed", 0.03, "Change set could not be created: Template format error"],
  ["cancelled", 0.03, "Stack update cancelled"],
];

/** `perStack` deployments per stack over the last year, newest succeeded; each with the events of its operation. */
function history(stacks: CreatedStack[], stackIds: Map<string, string>, perStack: number, ctx: Context, now: number) {
  const rnd = mulberry32(7);
  const deployments: unknown[][] = [];
  const events: unknown[][] = [];
  for (const stack of stacks) {
    const stackId = stackIds.get(stack.name)!;
    const after = ctx.monthly.get(`${stack.environment}/${stack.template}`) ?? 0;
    for (let i = 0; i < perStack; i++) {
      const at = now - (365 * DAY * (perStack - i)) / perStack + Math.floor(rnd() * 3_600_000);
      const newest = i === perStack - 1;
      let pick = rnd();
      const [status, , reason] = newest || i === 0 ? OUTCOMES[0]! : OUTCOMES.find(([, share]) => (pick -= share) < 0) ?? OUTCOMES[0]!;
      const id = randomUUID();
      const logical = ["Setting0", "Setting1", "Alarm0", "Alarm1"].slice(0, 2 + (i % 3));
      const changes = logical.map((logicalId) => ({ action: i === 0 ? "Add" : "Modify", logicalId, physicalId: null, resourceType: typeOf(logicalId), replacement: "False", scope: ["Properties"], details: [], dataStore: false }));
      const costDelta = { currency: "USD", before: i === 0 ? 0 : after, after, monthlyDelta: i === 0 ? after : 0, lines: [] };
      const action = i === 0 ? "create" : "update";
      const finished = at + 60_000 + Math.floor(rnd() * 240_000);
      deployments.push([id, stackId, action, status, ctx.versions.get(stack.template) ?? null, JSON.stringify(stack.parameters), JSON.stringify(changes),
        JSON.stringify(costDelta), ctx.users[i % ctx.users.length], reason, logical.length, 0, new Date(at), new Date(finished)]);
      const verb = action.toUpperCase();
      const rows: [string, string, string | null][] = [[stack.name, `${verb}_IN_PROGRESS`, "User Initiated"]];
      for (const l of logical) rows.push([l, `${verb}_IN_PROGRESS`, null], [l, `${verb}_COMPLETE`, null]);
      rows.push([stack.name, status === "succeeded" ? `${verb}_COMPLETE` : "UPDATE_ROLLBACK_COMPLETE", reason]);
      rows.forEach(([logicalId, s, why], n) => events.push([`${id}-${n}`, stackId, id, new Date(at + ((finished - at) * n) / rows.length), logicalId,
        logicalId === stack.name ? stack.stackId : `${stack.name}-${logicalId}`, logicalId === stack.name ? "AWS::CloudFormation::Stack" : typeOf(logicalId), s, why]));
      deployments.at(-1)![11] = rows.length;
    }
  }
  return { deployments, events };
}

const typeOf = (logicalId: string) => (logicalId.startsWith("Alarm") ? "AWS::CloudWatch::Alarm" : "AWS::SSM::Parameter");

/** The alarms as CloudWatch has them, each with a month of OK/ALARM flips ending in its current state. */
async function seedAlarms(client: pg.Client, alarms: SandboxAlarm[], stackIds: Map<string, string>, now: number): Promise<number> {
  const rnd = mulberry32(11);
  const rows: unknown[][] = [];
  const changes: unknown[][] = [];
  for (const a of alarms) {
    const id = randomUUID();
    rows.push([id, stackIds.get(a.stack), "us-east-1", a.name, a.arn, a.logicalId, a.state, a.stateReason, a.stateUpdatedAt, a.namespace, a.metricName,
      JSON.stringify(a.dimensions), a.statistic, a.period, a.evaluationPeriods, a.threshold, a.comparisonOperator, a.treatMissingData, new Date(now), new Date(now)]);
    // OK and ALARM in turn (the first from nothing), ending in the state CloudWatch reports now.
    const flips = 10 + Math.floor(rnd() * 20);
    const other = a.state === "ALARM" ? "OK" : "ALARM";
    const stateAt = (i: number) => ((flips - 1 - i) % 2 === 0 ? a.state : other);
    for (let i = 0; i < flips; i++) {
      const at = new Date(now - 30 * DAY + (29 * DAY * i) / flips + Math.floor(rnd() * 600_000));
      changes.push([id, i === 0 ? null : stateAt(i - 1), stateAt(i), `Threshold Crossed: bench history ${i}`, at]);
    }
  }
  await insertColumns(client, "alarms", ["id", "stack_id", "region", "name", "arn", "logical_id", "state", "state_reason", "state_updated_at", "namespace", "metric_name",
    "dimensions", "statistic", "period", "evaluation_periods", "threshold", "comparison_operator", "treat_missing_data", "refreshed_at", "updated_at"],
    ["uuid", "uuid", "text", "text", "text", "text", "text", "text", "timestamptz", "text", "text", "jsonb", "text", "int4", "int4", "float8", "text", "text", "timestamptz", "timestamptz"], rows);
  await insertColumns(client, "alarm_state_changes", ["alarm_id", "from_state", "to_state", "reason", "changed_at"], ["uuid", "text", "text", "text", "timestamptz"], changes);
  return changes.length;
}
