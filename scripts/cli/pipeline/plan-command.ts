import type { PlanDto, PlanStackDto } from "../../../lib/plans/types.ts";
import { parseOptions, UsageError } from "../args.ts";
import { sleep } from "./client.ts";
import { clientFrom, parseDuration, type PipelineIo } from "./commands.ts";
import { EXIT } from "./outcome.ts";

// stackdeck plan --env E [--promote-from S] [-p template.Key=Value ...] [--execute] [--wait]: plans the whole
// environment through the v1 API and, with --wait, follows it: one line per stack whenever its step moves, the
// overall progress, and the exit code of the outcome (0 succeeded, 1 failed/cancelled/rejected, 3 timed out,
// 4 ready and waiting to be applied).

const POLL_MS = 2_000;
const FINISHED = new Set(["succeeded", "failed", "cancelled", "rejected"]);

export async function planCommand(argv: string[], io: PipelineIo): Promise<number> {
  const o = parseOptions(argv.map((a) => (a === "-p" ? "--param" : a)), {
    url: "value", token: "value", env: "value", "promote-from": "value", destroy: "flag", param: "list", execute: "flag", wait: "flag", timeout: "value", note: "value",
  });
  const client = clientFrom(o, io);
  const environment = typeof o.env === "string" ? o.env : undefined;
  if (!environment) throw new UsageError("--env is required");
  if (o.destroy === true && o["promote-from"]) throw new UsageError("--destroy and --promote-from do not go together");
  const timeoutMs = parseDuration(typeof o.timeout === "string" ? o.timeout : "60m");
  const body = {
    environment,
    action: o.destroy === true ? "destroy" : o["promote-from"] ? "promote" : "apply",
    ...(typeof o["promote-from"] === "string" ? { from: o["promote-from"] } : {}),
    parameters: templateParameters((o.param as string[] | undefined) ?? []),
    execute: o.execute === true || o.wait === true,
    ...(typeof o.note === "string" ? { note: o.note } : {}),
  };
  const say = (line: string) => io.terminal.write(`${line}\n`);
  const created = await client.request<{ id: string; status: string; stacks: PlanStackDto[] }>("POST", "/api/v1/plans", body);
  say(`plan ${created.id} ${client.url}/plans/${created.id}`);
  say(`${body.action} ${environment}: ${created.stacks.map((s) => `${s.template} (${s.action})`).join(", ")}`);
  if (o.wait !== true) return EXIT.ok;
  return followPlan(created.id, timeoutMs, (id) => client.request<PlanDto>("GET", `/api/v1/plans/${id}`), say);
}

/** `template.Key=Value` pairs as the API's { template: { Key: Value } }. */
export function templateParameters(pairs: string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const pair of pairs) {
    const m = /^([a-z][a-z0-9-]*)\.([A-Za-z0-9]+)=(.*)$/s.exec(pair);
    if (!m) throw new UsageError(`-p needs template.Key=Value (got "${pair}")`);
    (out[m[1]!] ??= {})[m[2]!] = m[3]!;
  }
  return out;
}

export async function followPlan(id: string, timeoutMs: number, get: (id: string) => Promise<PlanDto>, say: (line: string) => void, pollMs = POLL_MS): Promise<number> {
  const until = Date.now() + timeoutMs;
  const seen = new Map<string, string>();
  let status = "";
  for (;;) {
    const plan = await get(id);
    for (const s of plan.stacks) {
      if (seen.get(s.template) === s.status) continue;
      seen.set(s.template, s.status);
      say(`  ${s.name.padEnd(28)} ${s.status.replace(/_/g, " ")}${s.reason ? `: ${s.reason}` : ""}`);
    }
    if (plan.status !== status) {
      status = plan.status;
      const left = plan.progress.secondsLeft ? `, about ${Math.ceil(plan.progress.secondsLeft / 60)} min left` : "";
      say(`plan ${plan.status.replace(/_/g, " ")} (${plan.progress.done}/${plan.progress.total} stacks${FINISHED.has(plan.status) ? "" : left})`);
    }
    if (FINISHED.has(plan.status)) {
      if (plan.resultReason) say(plan.resultReason);
      return plan.status === "succeeded" ? EXIT.ok : EXIT.failed;
    }
    if (plan.status === "ready" && !plan.execute) {
      say("the plan is ready: apply it in the console or with POST /api/v1/plans/{id}/execute");
      return EXIT.needsAction;
    }
    if (Date.now() > until) {
      say(`timed out waiting for the plan (still ${plan.status}); it goes on in Stackdeck`);
      return EXIT.timedOut;
    }
    await sleep(pollMs);
  }
}
