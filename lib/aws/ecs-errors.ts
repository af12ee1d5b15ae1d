import { AppError } from "../errors.ts";
import { AwsThrottledError, isThrottling } from "./cloudformation-errors.ts";

// ECS errors as ours: throttling -> AwsThrottledError (as for CloudFormation), a missing cluster or
// service -> not_found, anything else (including an unreachable endpoint) -> internal, with the cause logged and a plain sentence.

const NOT_FOUND_NAMES = new Set(["ClusterNotFoundException", "ServiceNotFoundException", "ResourceNotFoundException"]);
const INPUT_NAMES = new Set(["InvalidParameterException", "InvalidParameterValue", "InvalidParameterCombination", "ClientException"]);

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { requestId?: string };
}

export function mapEcsError(error: unknown, operation: string): Error {
  if (error instanceof AppError || error instanceof AwsThrottledError) return error;
  const e = (error ?? {}) as SdkLikeError;
  const message = (e.message ?? "").trim() || `${operation} failed`;
  if (isThrottling(error)) return new AwsThrottledError(operation, `ECS throttled ${operation}: ${message}`);
  const name = e.name ?? "";
  if (NOT_FOUND_NAMES.has(name)) return new AppError("not_found", message);
  if (INPUT_NAMES.has(name)) return new AppError("validation_failed", message);
  console.error(`ECS ${operation} failed`, { name, code: e.code, message, requestId: e.$metadata?.requestId });
  return new AppError("internal", `ECS could not be reached for ${operation}; try again later.`);
}

export async function callEcs<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapEcsError(error, operation);
  }
}
