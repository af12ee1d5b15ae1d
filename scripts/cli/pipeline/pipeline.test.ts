import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../main.ts";
import { deployCommand } from "./commands.ts";
import { SseParser } from "./sse.ts";
import { startTestApi, type Scenario, type TestApi } from "./test-server.ts";

// The pipeline commands against a real HTTP server on localhost (test-server.ts), through runCli as `npx
// stackdeck` runs them. The real console is exercised the same way in e2e/cli.spec.ts.

let api: TestApi | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

async function cli(scenario: Scenario, argv: (api: TestApi) => string[], options: { isTTY?: boolean; during?: (api: TestApi) => Promise<void> } = {}) {
  api = await startTestApi(scenario);
  let output = "";
  const errors: string[] = [];
  const terminal = { write: (text: string) => void (output += text), isTTY: options.isTTY ?? false };
  Object.assign(process.env, { STACKDECK_URL: api.url, STACKDECK_TOKEN: api.token });
  const running = runCli(argv(api), () => undefined, (l) => errors.push(l), terminal);
  await options.during?.(api);
  const code = await running;
  return { code, output, lines: output.split("\n").filter(Boolean), errors: errors.join("\n"), api };
}

const deploy = ["deploy", "--env", "staging", "--template", "service", "-p", "ImageTag=abc123", "-p", "Note=a=b", "--wait"];
const applied: Scenario["frames"] = [
  { status: "ready", total: 3 }, { status: "deploying" }, { event: "TaskDefinition" }, { status: "deploying", done: 1 },
  { event: "Service" }, { event: "Listener" }, { status: "succeeded", done: 3 },
];

describe("stackdeck deploy", () => {
  it("creates the deployment with execute and a client token, prints its id and URL first, and exits 0 on success", async () => {
    const run = await cli({ frames: applied }, () => deploy);
    expect(run.code).toBe(0);
    const id = run.api.requests.find((r) => r.method === "POST")!;
    expect(id.body).toMatchObject({ environment: "staging", template: "service", stack: "staging-service", action: "update", execute: true, parameters: { ImageTag: "abc123", Note: "a=b" } });
    expect((id.body as { clientToken: string }).clientToken).toMatch(/\S{8,}/);
    expect(run.lines[0]).toBe(`deployment 6f4c1f8e-2b7a-4d0c-9a53-1f2e3d4c5b6a ${run.api.url}/deployments/6f4c1f8e-2b7a-4d0c-9a53-1f2e3d4c5b6a`);
    expect(run.lines.filter((l) => /UPDATE_COMPLETE\s+(TaskDefinition|Service|Listener)/.test(l))).toHaveLength(3);
    expect(run.lines.at(-1)).toBe("succeeded: update of staging-service in 1m15s (3 resource changes)");
    expect(run.output).not.toMatch(/\r|\x1b/); // plain lines in a CI log
  });

  it("resumes a dropped event stream with Last-Event-ID: every event once, none lost", async () => {
    const frames: Scenario["frames"] = [{ status: "deploying", total: 3 }, { event: "A" }, { event: "B" }, { drop: true }, { event: "C" }, { status: "succeeded", done: 3 }];
    const run = await cli({ frames }, () => deploy);
    expect(run.code).toBe(0);
    expect(run.lines.filter((l) => /UPDATE_COMPLETE/.test(l)).map((l) => l.trim().split(/\s+/)[2])).toEqual(["A", "B", "C"]);
    const streams = run.api.requests.filter((r) => r.path.endsWith("/events"));
    expect(streams.length).toBeGreaterThanOrEqual(2);
    expect(streams.at(-1)!.lastEventId).toBe("2");
    expect(run.lines.some((l) => l.startsWith("connection lost") && l.includes("resuming after event 2"))).toBe(true);
  });

  it("waits through approval, says who must approve and where, and applies once approved", async () => {
    const frames: Scenario["frames"] = [{ status: "awaiting_approval", total: 3 }, { waitFor: "decision" }, { status: "deploying" }, { event: "Service" }, { status: "succeeded", done: 3 }];
    const run = await cli({ frames, requiresApproval: true }, () => deploy, {
      during: async (api) => {
        await new Promise((r) => setTimeout(r, 300));
        expect(await runCli(["approve", "6f4c1f8e-2b7a-4d0c-9a53-1f2e3d4c5b6a", "--url", api.url, "--token", api.token, "--comment", "ok"], () => undefined, () => undefined, { write: () => undefined, isTTY: false })).toBe(0);
      },
    });
    expect(run.code).toBe(0);
    expect(run.output).toContain("waiting for approval: staging needs 1 approval (0 so far) from an approver of staging other than ci@example.com");
    expect(run.output).toContain(`approve or reject in the console: ${run.api.url}/deployments/`);
  });

  it("exits non-zero with the approver's comment when rejected", async () => {
    const frames: Scenario["frames"] = [{ status: "awaiting_approval" }, { waitFor: "decision" }, { status: "rejected", reason: "Rejected by approver@example.com: not now." }];
    const run = await cli({ frames, requiresApproval: true }, () => deploy, {
      during: async (api) => {
        await new Promise((r) => setTimeout(r, 300));
        await runCli(["reject", "6f4c1f8e-2b7a-4d0c-9a53-1f2e3d4c5b6a", "--comment", "Not during the freeze"], () => undefined, () => undefined, { write: () => undefined, isTTY: false });
      },
    });
    expect(run.code).toBe(1);
    expect(run.lines.at(-1)).toBe("rejected by approver@example.com: “Not during the freeze”");
  });

  it("says a failure's reason and exits 1; a rollback too", async () => {
    const failed = await cli({ frames: [{ status: "deploying" }, { status: "rolled_back", reason: "Service failed to stabilize." }] }, () => deploy);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain("rolled back in 1m15s: Service failed to stabilize.");
  });

  it("does not wait forever at ready where approval is needed and nobody asked for it (exit 4), nor past --timeout (exit 3)", async () => {
    api = await startTestApi({ frames: [{ status: "ready" }], requiresApproval: true });
    let output = "";
    const io = { terminal: { write: (t: string) => void (output += t), isTTY: false }, env: { ...process.env, STACKDECK_URL: api.url, STACKDECK_TOKEN: api.token }, readyGraceMs: 300 };
    expect(await deployCommand(deploy.slice(1), io)).toBe(4);
    expect(output).toContain("stopped at ready: staging requires approval and this change was not sent to the approvers.");
    await api.close();
    api = null;
    const slow = await cli({ frames: [{ status: "deploying" }] }, () => [...deploy, "--timeout", "1s"]);
    expect(slow.code).toBe(3);
    expect(slow.output).toContain("timed out waiting for the deployment (still deploying)");
  });

  it("redraws one progress line in a terminal", async () => {
    const run = await cli({ frames: applied }, () => deploy, { isTTY: true });
    expect(run.code).toBe(0);
    expect(run.output).toContain("\r\x1b[2K");
    expect(run.output).toMatch(/deploying\s+\[#+-+\] 1\/3 resources \(33%\)/);
  });

  it("refuses bad arguments with the usage, and reports the API's refusal", async () => {
    const noUrl = await cli({ frames: [] }, () => ["deploy", "--env", "staging"]);
    delete process.env.STACKDECK_URL;
    const missing = await runCli(["deploy", "--env", "staging", "--template", "x"], () => undefined, (l) => (noUrl.errors += l), { write: () => undefined, isTTY: false });
    expect(missing, noUrl.errors).toBe(2);
    expect(noUrl.errors).toContain("--url (or STACKDECK_URL) is required");
    const badParam = await runCli(["deploy", "--url", "http://x", "--token", "t", "--env", "s", "--template", "t", "-p", "novalue"], () => undefined, (l) => (noUrl.errors += l), { write: () => undefined, isTTY: false });
    expect(badParam).toBe(2);
    expect(noUrl.errors).toContain('-p needs Key=Value (got "novalue")');
    const unauthorized = await runCli(["status", "6f4c1f8e-2b7a-4d0c-9a53-1f2e3d4c5b6a", "--url", noUrl.api.url, "--token", "wrong"], () => undefined, (l) => (noUrl.errors += l), { write: () => undefined, isTTY: false });
    expect(unauthorized).toBe(1);
    expect(noUrl.errors).toContain("error: The API token is missing, invalid, expired or revoked.");
  });
});

describe("SSE parser", () => {
  it("joins lines split across chunks, keeps the last id, skips comments and reads retry", () => {
    const parser = new SseParser();
    const text = "retry: 2000\r\n\r\n: heartbeat\n\nid: 7\ndata: {\"a\":\ndata: 1}\n\nevent: deployment\ndata: x\r\rid: 8\ndata: y\n\n";
    const messages = [...text].flatMap((char) => parser.push(char)); // one character at a time
    expect(messages).toEqual([
      { event: "message", data: '{"a":\n1}', id: "7" },
      { event: "deployment", data: "x", id: "7" },
      { event: "message", data: "y", id: "8" },
    ]);
    expect(parser.retryMs).toBe(2000);
    expect(parser.lastEventId).toBe("8");
  });
});
