import type { SandboxClock } from "./core/clock.ts";
import type { SandboxStore } from "./core/store.ts";
import { accountsInState, accountStore } from "./core/accounts.ts";
import { createCloudFormationService } from "./cloudformation/index.ts";
import { createCloudWatchService } from "./cloudwatch/index.ts";
import { createEcsService } from "./ecs/index.ts";
import type { SandboxAccounts, SandboxServices } from "./http/bindings.ts";
import { createStsService } from "./sts/index.ts";
import { StsSessions } from "./sts/sessions.ts";

/**
 * Every account's CloudFormation, CloudWatch and ECS, created when the account is first called (or, at start, for
 * every account the state file holds, so their stack operations resume). STS is global, as in AWS.
 */
export function createSandboxAccounts(
  clock: SandboxClock,
  store: SandboxStore,
): SandboxAccounts & { resume(): void; changeActualProperties(body: unknown): unknown } {
  const accounts = new Map<string, SandboxServices & { resume(): void; cloudformation: ReturnType<typeof createCloudFormationService> }>();
  const sessions = new StsSessions(store);
  let resumed = false;
  const create = (accountId: string) => {
    const scoped = accountStore(store, accountId);
    const cloudwatch = createCloudWatchService({ clock, store: scoped, accountId });
    const ecs = createEcsService({ clock, store: scoped, cloudwatch, accountId });
    const cloudformation = createCloudFormationService({ clock, store: scoped, cloudwatch, ecs, accountId });
    const services = { cloudformation, cloudwatch, ecs, resume: () => cloudformation.resume() };
    if (resumed) services.resume();
    return services;
  };
  const servicesFor = (accountId: string) => {
    let services = accounts.get(accountId);
    if (!services) accounts.set(accountId, (services = create(accountId)));
    return services;
  };
  for (const accountId of accountsInState(store.loadedSlices())) servicesFor(accountId);
  return {
    servicesFor,
    sts: createStsService(sessions),
    identify: (accessKeyId) => sessions.identify(accessKeyId),
    /** POST /_sandbox/drift: in `accountId` when given, else in the one account whose live stack it names. */
    changeActualProperties(body) {
      const accountId = (body as { accountId?: unknown } | null)?.accountId;
      if (typeof accountId === "string") return servicesFor(accountId).cloudformation.changeActualProperties(body);
      let lastError: unknown = new Error("no account holds that stack");
      for (const services of accounts.values()) {
        try {
          return services.cloudformation.changeActualProperties(body);
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    },
    resume() {
      resumed = true;
      for (const services of accounts.values()) services.resume();
    },
  };
}
