import { AwsError } from "../core/contracts.ts";
import { JsonInput, type ParameterErrors } from "../core/json-input.ts";

/** CloudWatch's wording for bad parameters (query codes; the server maps them to the modelled exceptions). */
export const cloudWatchParameterErrors: ParameterErrors = {
  invalid: (name, message) =>
    new AwsError("InvalidParameterValue", message ?? `The value for parameter ${name} is not valid.`),
  missing: (name) => new AwsError("MissingParameter", `The parameter ${name} is required.`),
};

export function cloudWatchInput(body: Record<string, unknown>): JsonInput {
  return new JsonInput(body, cloudWatchParameterErrors);
}

export function invalidParameter(message: string): AwsError {
  return new AwsError("InvalidParameterValue", message);
}

export function invalidCombination(message: string): AwsError {
  return new AwsError("InvalidParameterCombination", message);
}

export function invalidNextToken(): AwsError {
  return new AwsError("InvalidNextToken", "The service returned an error with Error Code InvalidNextToken.");
}
