// The CloudFormation service of the sandbox (awsQuery protocol): dispatches actions, keeps state in the store and
// runs stack operations in the background. See sandbox/core/contracts.ts for the contract with the server.
import { AwsError, type QueryService, type ServiceDeps } from "../core/contracts.ts";
import { cloudFormationActions } from "./actions/registry.ts";
import { changeActualProperties } from "./actions/drift.ts";
import type { ServiceContext } from "./actions/service-context.ts";
import { StackEngine } from "./engine/engine.ts";
import { loadResourceSpec } from "./spec.ts";
import { CloudFormationStore } from "./state/store.ts";

export function createCloudFormationService(deps: ServiceDeps): QueryService & { resume(): void; changeActualProperties(body: unknown): unknown } {
  const store = new CloudFormationStore(deps);
  const engine = new StackEngine(store, deps);
  const svc: ServiceContext = { store, engine, deps };
  // Start loading AWS's resource specification now; actions that need it wait for it.
  const specReady = loadResourceSpec();
  return {
    protocol: "query",
    async handle(action, params, ctx) {
      const handler = cloudFormationActions[action];
      if (!handler) throw new AwsError("InvalidAction", `The action ${action} is not valid for this web service.`);
      await specReady;
      return handler(svc, params, ctx);
    },
    resume() {
      void specReady.then(() => engine.resume());
    },
    /** POST /_sandbox/drift (sandbox-only): what a resource really has, so drift detection finds a difference. */
    changeActualProperties: (body) => changeActualProperties(store, body),
  };
}
