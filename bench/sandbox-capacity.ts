// Capacity of one sandbox: 200 stacks of our own templates (100 network + 100 security stacks, each security stack
// importing its network stack's exports), created through the real SDK against an in-process sandbox that persists
// its state to a file as `npm run sandbox` does. Prints the create wall time, read latencies (p50/p95/max), RSS and
// the state file size. Run: npx tsx bench/sandbox-capacity.ts [pairs]  (default 100 pairs = 200 stacks)
//
// infra-templates/*.yaml allow EnvironmentName staging|production only, and export names are
// `${EnvironmentName}-network-...`, so 100 pairs need 100 environments: the bench lifts that AllowedValues
// constraint at load time (everything else in the templates is used as written) and sends them as JSON.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CreateStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, ListStackResourcesCommand, ListStacksCommand, type CloudFormationClient,
  type Stack,
} from "@aws-sdk/client-cloudformation";
import { startTestSandbox } from "../sandbox/testing/harness.ts";
import { parseTemplateBody } from "../sandbox/cloudformation/template/parse.ts";
import { loadResourceSpec } from "../sandbox/cloudformation/spec.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const PAIRS = Number(process.argv[2] ?? 100);
const SPEED = 0.001;
const SAMPLES = 50;
const CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"] as const;

async function loadTemplate(name: string): Promise<{ body: string; resources: number }> {
  const path = join(root, "infra-templates", `${name}.yaml`);
  if (!existsSync(path)) throw new Error(`${path} is missing: this bench creates stacks from the project's own templates`);
  const template = parseTemplateBody(await readFile(path, "utf8"));
  const environment = template.Parameters?.EnvironmentName;
  if (!environment) throw new Error(`${name}.yaml has no EnvironmentName parameter`);
  delete environment.AllowedValues;
  delete environment.ConstraintDescription;
  return { body: JSON.stringify(template), resources: Object.keys(template.Resources).length };
}

async function allStacks(cfn: CloudFormationClient): Promise<Stack[]> {
  const stacks: Stack[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStacksCommand({ NextToken: token }));
    stacks.push(...(page.Stacks ?? []));
    token = page.NextToken;
  } while (token);
  return stacks;
}

/** Polls DescribeStacks (all stacks, paginated) until every stack named `prefix*` is CREATE_COMPLETE. */
async function waitForAll(cfn: CloudFormationClient, prefix: string, count: number): Promise<void> {
  for (;;) {
    const mine = (await allStacks(cfn)).filter((s) => s.StackName?.startsWith(prefix));
    const failed = mine.find((s) => s.StackStatus !== "CREATE_COMPLETE" && !s.StackStatus?.endsWith("_IN_PROGRESS"));
    if (failed) throw new Error(`${failed.StackName} ended ${failed.StackStatus}: ${failed.StackStatusReason ?? ""}`);
    if (mine.length === count && mine.every((s) => s.StackStatus === "CREATE_COMPLETE")) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function latencies(samples: number, call: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
function report(label: string, sorted: number[]): void {
  console.log(`  ${label.padEnd(52)} p50 ${ms(percentile(sorted, 50)).padStart(9)}   p95 ${ms(percentile(sorted, 95)).padStart(9)}   max ${ms(sorted.at(-1)!).padStart(9)}`);
}

const network = await loadTemplate("network");
const security = await loadTemplate("security");
const directory = mkdtempSync(join(tmpdir(), "sandbox-capacity-"));
const statePath = join(directory, "sandbox.json");
const sandbox = await startTestSandbox({ speed: SPEED, statePath });
const cfn = sandbox.cfn;
const env = (i: number) => `bench${String(i).padStart(3, "0")}`;
let closed = false;
try {
  console.log(`Sandbox capacity: ${PAIRS} network stacks (${network.resources} resources declared) + ${PAIRS} security stacks ` +
    `(${security.resources}), speed ${SPEED}, state persisted to a file`);
  await loadResourceSpec(); // loaded lazily by the first template validation; counted in the baseline
  const baselineRss = process.memoryUsage().rss;
  const started = performance.now();
  for (let i = 1; i <= PAIRS; i++) {
    await cfn.send(new CreateStackCommand({
      StackName: `${env(i)}-network`, TemplateBody: network.body, Capabilities: [...CAPABILITIES],
      Parameters: [{ ParameterKey: "EnvironmentName", ParameterValue: env(i) }],
    }));
  }
  await waitForAll(cfn, "bench", PAIRS);
  const networkDone = performance.now();
  for (let i = 1; i <= PAIRS; i++) {
    await cfn.send(new CreateStackCommand({
      StackName: `${env(i)}-security`, TemplateBody: security.body, Capabilities: [...CAPABILITIES],
      Parameters: [{ ParameterKey: "EnvironmentName", ParameterValue: env(i) }],
    }));
  }
  await waitForAll(cfn, "bench", PAIRS * 2);
  const done = performance.now();
  const stacks = await allStacks(cfn);
  let resources = 0;
  for (const stack of stacks) {
    let page: string | undefined;
    do {
      const result = await cfn.send(new ListStackResourcesCommand({ StackName: stack.StackId, NextToken: page }));
      resources += result.StackResourceSummaries?.length ?? 0;
      page = result.NextToken;
    } while (page);
  }
  const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
  console.log(`\nCreate: ${stacks.length} stacks (${resources} resources) CREATE_COMPLETE in ${seconds(started, done)} ` +
    `(network stacks ${seconds(started, networkDone)}, then security stacks ${seconds(networkDone, done)})`);

  const probe = `${env(1)}-network`;
  let events = 0;
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: probe, NextToken: token }));
    events += page.StackEvents?.length ?? 0;
    token = page.NextToken;
  } while (token);

  console.log(`\nRead latencies through the SDK, ${SAMPLES} calls each, sandbox idle:`);
  report(`DescribeStacks, all ${stacks.length} stacks (every page)`, await latencies(SAMPLES, () => allStacks(cfn)));
  report("DescribeStacks, one page (100 stacks)", await latencies(SAMPLES, () => cfn.send(new DescribeStacksCommand({}))));
  report("DescribeStacks, one stack by name", await latencies(SAMPLES, () => cfn.send(new DescribeStacksCommand({ StackName: probe }))));
  report("ListStacks, one page (100 summaries)", await latencies(SAMPLES, () => cfn.send(new ListStacksCommand({}))));
  report(`ListStacks, all ${stacks.length} stacks (every page)`, await latencies(SAMPLES, async () => {
    let next: string | undefined;
    do next = (await cfn.send(new ListStacksCommand({ NextToken: next }))).NextToken;
    while (next);
  }));
  report(`DescribeStackEvents, ${probe} (${events} events)`, await latencies(SAMPLES, () => cfn.send(new DescribeStackEventsCommand({ StackName: probe }))));

  const rss = process.memoryUsage().rss;
  await sandbox.close(); // flushes the state file
  closed = true;
  console.log(`\nProcess RSS (sandbox + SDK client in one process): ${mb(rss)} (${mb(baselineRss)} before the first stack, resource spec loaded)`);
  console.log(`State file when persisted: ${mb(statSync(statePath).size)}`);
} finally {
  if (!closed) await sandbox.close();
  rmSync(directory, { recursive: true, force: true });
}
