import { createDb, type Db } from "../lib/db/client";
import { ACCESS_TABLE, expectedAnswer, mayAtAll } from "../lib/auth/access-table";
import { expect, test } from "./fixtures";
import { e2eRuntime } from "./support/runtime";
import { setUpCallers, type MatrixCaller } from "./access/callers";
import { setUpWorld, type Env, type MatrixWorld } from "./access/fixtures";
import { ACTION_FIELDS, API_CALLS, type ApiCall } from "./access/operations";
import { callServerAction, serverActionsOfBuild } from "./access/server-actions";

// The whole matrix: every /api/v1 route and every server action of the build, as each kind of caller, in both
// environments, against lib/auth/access-table.ts (also docs/access.md). Allowed means authorization let it
// through: any answer but 401, 403 or a server error. Refused means exactly 401 or 403, before any validation.
const ALLOWED = new Set([200, 201, 202, 400, 404, 409]);
const ENVIRONMENTS: Env[] = ["staging", "production"];

let db: Db;
let owner: Db;
let callers: MatrixCaller[];
let world: MatrixWorld;

test.beforeAll(async ({ baseURL }) => {
  const runtime = e2eRuntime();
  process.env.AUDIT_HMAC_KEY = runtime.auditKey; // the fixtures are written through the domain commands, audited
  db = createDb(runtime.databaseUrl);
  owner = createDb(runtime.ownerUrl);
  callers = await setUpCallers(db, baseURL!);
  world = await setUpWorld(db);
});

test.afterAll(async () => {
  await world?.cleanup(owner);
  await Promise.all([db?.$disconnect(), owner?.$disconnect()]);
});

async function callApi(baseUrl: string, call: ApiCall, caller: MatrixCaller): Promise<{ status: number; detail: string }> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}${call.path}`, {
    method: call.method,
    headers: { ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}), ...(call.body ? { "content-type": "application/json" } : {}) },
    body: call.body ? JSON.stringify(call.body) : undefined,
    signal: abort.signal,
  });
  if (call.stream && response.ok) {
    abort.abort();
    return { status: response.status, detail: response.headers.get("content-type") ?? "" };
  }
  return { status: response.status, detail: (await response.text()).slice(0, 300) };
}

function verdict(status: number, expected: "allowed" | 401 | 403): boolean {
  return expected === "allowed" ? ALLOWED.has(status) : status === expected;
}

test("every /api/v1 route answers every caller in both environments as the access table says", async ({ baseURL }) => {
  test.setTimeout(300_000);
  const wrong: string[] = [];
  let calls = 0;
  for (const row of ACCESS_TABLE.filter((r) => r.kind === "api")) {
    const build = API_CALLS[row.operation];
    if (!build) throw new Error(`no call for ${row.operation}`);
    for (const env of ENVIRONMENTS) {
      for (const caller of callers) {
        const expected = expectedAnswer(row, caller.caller, env);
        const answer = await callApi(baseURL!, await build({ env, world, caller }), caller);
        calls++;
        if (!verdict(answer.status, expected)) wrong.push(`${row.operation} in ${env} as ${caller.label}: expected ${expected}, got ${answer.status} ${answer.detail}`);
      }
    }
  }
  expect(wrong).toEqual([]);
  expect(calls).toBe(ACCESS_TABLE.filter((r) => r.kind === "api").length * ENVIRONMENTS.length * callers.length);
});

test("every server action of the build answers every caller in both environments as the access table says", async ({ baseURL }) => {
  test.setTimeout(300_000);
  const actions = serverActionsOfBuild();
  const rows = ACCESS_TABLE.filter((r) => r.kind === "action");
  // Generated from the build: an action the table does not list fails here, as does a row without an action.
  expect(actions.map((a) => a.name).sort()).toEqual([...new Set(rows.map((r) => r.operation.replace(/ \(.*\)$/, "")))].sort());
  const wrong: string[] = [];
  for (const row of rows) {
    const action = actions.find((a) => a.name === row.operation.replace(/ \(.*\)$/, ""))!;
    const page = action.page
      .replace("/templates/[name]", "/templates/network")
      .replace("/stacks/[name]", `/stacks/${world.stack.staging}`)
      .replace("/plans/[id]", `/plans/${world.plan.staging}`) // issue 15
      .replace("[id]", world.deployment.staging)
      .replace("[seq]", "1");
    for (const env of ENVIRONMENTS) {
      for (const caller of callers.filter((c) => !c.apiOnly)) {
        const expected = expectedAnswer(row, caller.caller, env);
        const fields = await ACTION_FIELDS[row.operation]!({ env, world, caller });
        const answer = await callServerAction(baseURL!, action, page, fields, caller.cookie);
        if (!verdict(answer.status, expected)) wrong.push(`${row.operation} in ${env} as ${caller.label}: expected ${expected}, got ${answer.status} ${answer.detail}`);
      }
    }
  }
  expect(wrong).toEqual([]);
});


test("callers who may not do the thing at all get 403 before their input is looked at, even when it is invalid", async ({ baseURL }) => {
  test.setTimeout(300_000);
  const actions = serverActionsOfBuild();
  const wrong: string[] = [];
  let checked = 0;
  for (const row of ACCESS_TABLE) {
    // Live callers the table refuses everywhere: they may not do the thing at all, so no input gets them a 400.
    for (const caller of callers.filter((c) => !("dead" in c.caller) && !mayAtAll(row, c.caller))) {
      const ctx = { env: "production" as const, world, caller };
      let status: number;
      if (row.kind === "api") {
        // An unknown field (every body and most queries are strict) or a query the route does not know.
        const call = await API_CALLS[row.operation]!(ctx);
        const invalid = call.body ? { ...call, body: { ...(call.body as object), unexpected: "field" } } : { ...call, path: `${call.path}${call.path.includes("?") ? "&" : "?"}limit=-1&unexpected=1` };
        status = (await callApi(baseURL!, invalid, caller)).status;
      } else {
        const action = actions.find((a) => a.name === row.operation.replace(/ \(.*\)$/, ""))!;
        const page = action.page.replace("/templates/[name]", "/templates/network").replace("/stacks/[name]", `/stacks/${world.stack.staging}`).replace("/plans/[id]", `/plans/${world.plan.staging}`).replace("[id]", world.deployment.staging);
        const all: Record<string, string> = { ...(await ACTION_FIELDS[row.operation]!(ctx)), unexpected: "field" };
        const { reason: _dropped, ...fields } = all; // and break glass without the reason it requires
        status = (await callServerAction(baseURL!, action, page, fields, caller.cookie)).status;
      }
      checked++;
      if (status !== 403) wrong.push(`${row.operation} as ${caller.label} with invalid input: expected 403, got ${status}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(checked).toBeGreaterThan(100);
});
