import { AwsError } from "../core/contracts.ts";
import { JsonInput, type ParameterErrors } from "../core/json-input.ts";

// ECS's modelled exceptions (client-ecs), with the messages the service sends.
export const ecsErrors = {
  clusterNotFound: () => new AwsError("ClusterNotFoundException", "Cluster not found."),
  serviceNotFound: () => new AwsError("ServiceNotFoundException", "Service not found."),
  serviceNotActive: () => new AwsError("ServiceNotActiveException", "Service was not ACTIVE."),
  clusterContainsServices: () =>
    new AwsError("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active."),
  invalidParameter: (message: string) => new AwsError("InvalidParameterException", message),
  client: (message: string) => new AwsError("ClientException", message),
};

const parameterErrors: ParameterErrors = {
  invalid: (name, message) => ecsErrors.invalidParameter(message ?? `Invalid value for parameter ${name}.`),
  missing: (name) => ecsErrors.invalidParameter(`${name} is required.`),
};

export function ecsInput(body: Record<string, unknown>): JsonInput {
  return new JsonInput(body, parameterErrors);
}

export const invalidNextToken = () => ecsErrors.invalidParameter("Invalid nextToken.");
