import { randomUUID } from "node:crypto";
import type { DeploymentWithApproval } from "../../../lib/approvals/types.ts";
import type { StackDetail } from "../../../lib/deployments/types.ts";
import { parseOptions, UsageError } from "../args.ts";
import { ApiError, createClient, sleep, type StackdeckClient } from "./client.ts";
import { describeOutcome, EXIT } from "./outcome.ts";
import { createReporter, progressLine, type Terminal } from "./progress.ts";
import { waitForOutcome } from "./wait.ts";

// stackdeck deploy | status | approve | reject: the pipeline commands. They speak only the v1 HTTP API.

export interface PipelineIo {
  terminal: Terminal;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  /** Tests shorten the wait for a `ready` that nothing will apply. */
  readyGraceMs?: number;
}

const connection = { url: "value", token: "value" } as const;
const following = { wait: "flag", timeout: "value" } as const;

export async function deployCommand(argv: string[], io: PipelineIo): Promise<number> {
  const o = parseOptions(argv.map((a) => (a === "-p" ? "--param" : a)), {
    ...connection, ...following, env: "value", template: "value", stack: "value", param: "list", note: "value", "client-token": "value",
  });
  const client = clientFrom(o, io);
  const environment = need(o, "env");
  const template = need(o, "template");
  const stack = str(o.stack) ?? `${environment}-${template}`;
  const timeoutMs = parseDuration(str(o.timeout) ?? "30m");
  const parameters = parseParameters((o.param as string[] | undefined) ?? []); // bad input fails before any call
  const body = {
    environment,
    template,
    stack,
    action: (await stackExists(client, stack)) ? "update" : "create",
    parameters,
    execute: true,
    clientToken: str(o["client-token"]) ?? clientTokenFor(io.env, stack),
    ...(str(o.note) ? { note: str(o.note) } : {}),
  };
  const deployment = await withRetries(() => client.createDeployment(body));
  const say = (line: string) => io.terminal.write(`${line}\n`);
  say(`deployment ${deployment.id} ${client.consoleUrl(deployment.id)}`);
  say(`${body.action} ${deployment.stackName} in ${deployment.environment} from template ${template}: ${deployment.status}`);
  if (o.wait !== true) return EXIT.ok;
  return follow(client, deployment.id, timeoutMs, io);
}

export async function statusCommand(argv: string[], io: PipelineIo): Promise<number> {
  const [id, ...rest] = positional(argv, "status ID");
  const o = parseOptions(rest, { ...connection, ...following, json: "flag" });
  const client = clientFrom(o, io);
  const d = await client.getDeployment(id);
  if (o.json === true) {
    io.terminal.write(`${JSON.stringify(d, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const line of summaryLines(d, client)) io.terminal.write(`${line}\n`);
  if (o.wait !== true) return EXIT.ok;
  return follow(client, id, parseDuration(str(o.timeout) ?? "30m"), io);
}

export async function decideCommand(decision: "approve" | "reject", argv: string[], io: PipelineIo): Promise<number> {
  const [id, ...rest] = positional(argv, `${decision} ID --comment C`);
  const o = parseOptions(rest, { ...connection, comment: "value" });
  const comment = str(o.comment) ?? (decision === "approve" ? "Approved with npx stackdeck approve." : undefined);
  if (!comment) throw new UsageError("--comment is required: say why (the requester reads it)");
  const client = clientFrom(o, io);
  const d = await client.decide(id, decision, comment);
  const next = d.status === "awaiting_approval" ? "it needs more approvals" : `it is now ${d.status}`;
  io.terminal.write(`${decision === "approve" ? "approved" : "rejected"} deployment ${d.id} (${d.stackName}); ${next}: ${client.consoleUrl(d.id)}\n`);
  return EXIT.ok;
}

async function follow(client: StackdeckClient, id: string, timeoutMs: number, io: PipelineIo): Promise<number> {
  const reporter = createReporter(io.terminal);
  const outcome = await waitForOutcome(client, id, { reporter, timeoutMs, readyGraceMs: io.readyGraceMs });
  const { code, lines } = describeOutcome(outcome, client.consoleUrl(id));
  for (const line of lines) io.terminal.write(`${line}\n`);
  return code;
}

function summaryLines(d: DeploymentWithApproval, client: StackdeckClient): string[] {
  const lines = [
    `deployment ${d.id} ${client.consoleUrl(d.id)}`,
    `${d.action} ${d.stackName} in ${d.environment} (template ${d.templateName}), requested by ${d.requestedBy} at ${d.createdAt}`,
    progressLine({ ...d, resourcesDone: d.progress.done, resourcesTotal: d.progress.total }, Date.now()),
  ];
  if (d.resultReason) lines.push(`result: ${d.resultReason}`);
  if (d.approval) {
    const a = d.approval;
    lines.push(`approval: ${a.status}, ${a.approvals} of ${a.approvalsRequired} (requested by ${a.requestedBy}: “${a.reason}”)`);
    for (const x of a.decisions) lines.push(`  ${x.approved ? "approved" : "rejected"} by ${x.by} at ${x.at}: “${x.comment}”`);
  } else if (d.requiresApproval) lines.push(`approval: required in ${d.environment}, not requested yet`);
  return lines;
}

export function clientFrom(o: Record<string, unknown>, io: PipelineIo): StackdeckClient {
  const url = str(o.url) ?? io.env.STACKDECK_URL;
  const token = str(o.token) ?? io.env.STACKDECK_TOKEN;
  if (!url) throw new UsageError("--url (or STACKDECK_URL) is required: the console's address, e.g. https://stackdeck.example.com");
  if (!token) throw new UsageError("--token (or STACKDECK_TOKEN) is required: an API token from the console's API tokens page");
  if (!/^https?:\/\//.test(url)) throw new UsageError(`--url must start with http:// or https:// (got "${url}")`);
  return createClient({ url, token, fetch: io.fetch });
}

/** Update when the stack exists, create when it does not (or was deleted). */
async function stackExists(client: StackdeckClient, name: string): Promise<boolean> {
  try {
    const stack = await client.request<StackDetail>("GET", `/api/v1/stacks/${encodeURIComponent(name)}`);
    return !stack.deleted && stack.status !== null && stack.status !== "REVIEW_IN_PROGRESS";
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return false;
    throw error;
  }
}

/** The POST is safe to repeat (same client token = same deployment), so a flaky network does not fail the job. */
async function withRetries<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError) || !error.transient || i >= attempts) throw error;
      await sleep(1000 * i);
    }
  }
}

/** A re-run of the same CI job attempt resumes its deployment instead of starting a second one. */
export function clientTokenFor(env: NodeJS.ProcessEnv, stack: string): string {
  if (env.STACKDECK_CLIENT_TOKEN) return env.STACKDECK_CLIENT_TOKEN;
  if (env.GITHUB_RUN_ID) return `gh-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? "1"}-${stack}`.slice(0, 128);
  return randomUUID();
}

export function parseParameters(pairs: string[]): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new UsageError(`-p needs Key=Value (got "${pair}")`);
    parameters[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return parameters;
}

/** "90s", "30m", "1h", "1h30m" or plain seconds. */
export function parseDuration(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || !text) throw new UsageError(`--timeout takes a duration like 90s, 30m or 1h (got "${text}")`);
  const [, h = "0", m = "0", s = "0"] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

function positional(argv: string[], usage: string): [string, ...string[]] {
  const [id, ...rest] = argv;
  if (!id || id.startsWith("-")) throw new UsageError(`give the deployment id: stackdeck ${usage}`);
  return [id, ...rest];
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function need(o: Record<string, unknown>, name: string): string {
  const v = str(o[name]);
  if (!v) throw new UsageError(`--${name} is required`);
  return v;
}

