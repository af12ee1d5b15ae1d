import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { ECSClient } from "@aws-sdk/client-ecs";
import { startSandbox } from "../server.ts";
import { sandboxClientConfig, type SandboxClientConfig } from "./client-config.ts";

export { sandboxClientConfig, type SandboxClientConfig };

export interface TestSandbox {
  url: string;
  close(): Promise<void>;
  cfn: CloudFormationClient;
  cw: CloudWatchClient;
  ecs: ECSClient;
  /** POST /_sandbox/config. */
  config(body: { speed?: number; throttleRate?: number; rateLimits?: Record<string, { rate: number; burst: number }> }): Promise<void>;
  /** GET /_sandbox/stats. */
  stats(): Promise<unknown>;
  /** POST /_sandbox/reset: clears all state. */
  reset(): Promise<void>;
  /** Clients acting as the root of another account (a 12-digit access key names it, as in LocalStack). */
  inAccount(accountId: string): { cfn: CloudFormationClient; cw: CloudWatchClient; ecs: ECSClient };
  /** SDK client settings for this sandbox, for tests that need other options (e.g. maxAttempts). */
  clientConfig(overrides?: { maxAttempts?: number; region?: string }): SandboxClientConfig;
}

/**
 * Starts a sandbox in this process on a free port (ephemeral state unless statePath is given, speed 0.001 by
 * default) with real SDK v3 clients pointed at it.
 */
export async function startTestSandbox(opts: { speed?: number; statePath?: string } = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({
    port: 0,
    host: "127.0.0.1",
    speed: opts.speed ?? 0.001,
    statePath: opts.statePath,
    ephemeral: opts.statePath === undefined,
    quiet: true,
  });
  const config = sandboxClientConfig(sandbox.url);
  const cfn = new CloudFormationClient(config);
  const cw = new CloudWatchClient(config);
  const ecs = new ECSClient(config);

  const others: { destroy(): void }[] = [];
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${sandbox.url}${path}`, { method: "POST", body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  };

  return {
    url: sandbox.url,
    cfn,
    cw,
    ecs,
    config: (body) => post("/_sandbox/config", body),
    reset: () => post("/_sandbox/reset", {}),
    async stats() {
      const response = await fetch(`${sandbox.url}/_sandbox/stats`);
      return response.json();
    },
    clientConfig: (overrides) => sandboxClientConfig(sandbox.url, overrides),
    inAccount(accountId) {
      const accountConfig = { ...config, credentials: { accessKeyId: accountId, secretAccessKey: "test" } };
      const clients = { cfn: new CloudFormationClient(accountConfig), cw: new CloudWatchClient(accountConfig), ecs: new ECSClient(accountConfig) };
      others.push(clients.cfn, clients.cw, clients.ecs);
      return clients;
    },
    async close() {
      for (const client of [cfn, cw, ecs, ...others]) client.destroy();
      await sandbox.close();
    },
  };
}
