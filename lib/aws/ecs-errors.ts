import { AppError } from "../errors.ts";
import { callAws, internalAwsError, mapAwsError, type SdkLikeError } from "./errors.ts";

// ECS errors as ours (throttling is handled by ./errors.ts like for every service): a missing cluster or service
// -> not_found, bad input -> validation_failed, anything else (including an unreachable endpoint) -> internal.

const NOT_FOUND_NAMES = new Set(["ClusterNotFoundException", "ServiceNotFoundException", "ResourceNotFoundException"]);
const INPUT_NAMES = new Set(["InvalidParameterException", "InvalidParameterValue", "InvalidParameterCombination", "ClientException"]);

function mapEcsServiceError(e: SdkLikeError, message: string, operation: string): AppError {
  const name = e.name ?? "";
  if (NOT_FOUND_NAMES.has(name)) return new AppError("not_found", message);
  if (INPUT_NAMES.has(name)) return new AppError("validation_failed", message);
  return internalAwsError("ECS", e, message, operation, `ECS could not be reached for ${operation}; try again later.`);
}

export function mapEcsError(error: unknown, operation: string): Error {
  return mapAwsError("ECS", error, operation, mapEcsServiceError);
}

export function callEcs<T>(operation: string, call: () => Promise<T>): Promise<T> {
  return callAws("ECS", operation, call, mapEcsServiceError);
}
