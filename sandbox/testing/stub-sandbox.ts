import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { ECSClient } from "@aws-sdk/client-ecs";
import type { QueryService } from "../core/contracts.ts";
import { createClock } from "../core/clock.ts";
import { openStateStore } from "../core/store.ts";
import { createCloudWatchService } from "../cloudwatch/index.ts";
import { createEcsService } from "../ecs/index.ts";
import { protocolBindings } from "../http/bindings.ts";
import { listenSandbox } from "../http/listen.ts";
import { createStsService } from "../sts/index.ts";
import { StsSessions } from "../sts/sessions.ts";
import { sandboxClientConfig } from "./client-config.ts";

/**
 * The sandbox with the real CloudWatch and ECS services but a given awsQuery service, so protocol tests can pin
 * exact wire behaviour (errors, empty results, escaping) with the real CloudFormation client independently of the
 * CloudFormation implementation.
 */
export async function startStubQuerySandbox(query: QueryService, opts: { speed?: number; statePath?: string } = {}) {
  const clock = createClock(opts.speed ?? 0.001);
  const store = await openStateStore({ path: opts.statePath, ephemeral: opts.statePath === undefined, debounceMs: 20 });
  const cloudwatch = createCloudWatchService({ clock, store });
  const ecs = createEcsService({ clock, store, cloudwatch });
  const sessions = new StsSessions(store);
  const sandbox = await listenSandbox({
    clock, store, port: 0, host: "127.0.0.1", verbose: false,
    protocols: protocolBindings({
      servicesFor: () => ({ cloudformation: query, cloudwatch, ecs }),
      sts: createStsService(sessions),
      identify: (accessKeyId) => sessions.identify(accessKeyId),
    }),
  });
  const config = sandboxClientConfig(sandbox.url);
  const clients = { cfn: new CloudFormationClient(config), cw: new CloudWatchClient(config), ecs: new ECSClient(config) };
  return {
    ...clients,
    url: sandbox.url,
    async close() {
      for (const client of Object.values(clients)) client.destroy();
      await sandbox.close();
    },
  };
}
