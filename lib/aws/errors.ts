import { AppError } from "../errors.ts";

// What every AWS adapter does with an SDK error: our own errors pass through, throttling becomes AwsThrottledError
// (callers such as the tracker back off on it), and each service maps the rest by its own error names.

/** AWS asked us to slow down (after the SDK's own retries). */
export class AwsThrottledError extends Error {
  constructor(
    readonly operation: string,
    message: string,
  ) {
    super(message);
    this.name = "AwsThrottledError";
  }
}

export interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

const THROTTLING = new Set(["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"]);

export function isThrottling(error: unknown): boolean {
  const e = error as SdkLikeError | null;
  return !!e && (THROTTLING.has(e.name ?? "") || THROTTLING.has(e.Code ?? "") || e.$retryable?.throttling === true);
}

/** Maps a service error that is neither ours nor throttling; `message` is AWS's text or "<operation> failed". */
export type ServiceErrorMapper = (e: SdkLikeError, message: string, operation: string) => AppError;

export function mapAwsError(service: string, error: unknown, operation: string, mapRest: ServiceErrorMapper): Error {
  if (error instanceof AppError || error instanceof AwsThrottledError) return error;
  const e = (error ?? {}) as SdkLikeError;
  const message = (e.message ?? "").trim() || `${operation} failed`;
  if (isThrottling(error)) return new AwsThrottledError(operation, `${service} throttled ${operation}: ${message}`);
  return mapRest(e, message, operation);
}

/** Runs one SDK call and maps whatever it throws. */
export async function callAws<T>(service: string, operation: string, call: () => Promise<T>, mapRest: ServiceErrorMapper): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapAwsError(service, error, operation, mapRest);
  }
}

/** The fallback of every mapper: log the cause, tell the user one plain sentence. */
export function internalAwsError(
  service: string,
  e: SdkLikeError,
  message: string,
  operation: string,
  sentence = `${service} could not complete ${operation}; try again later.`,
): AppError {
  console.error(`${service} ${operation} failed`, { name: e.name, code: e.code, message, requestId: e.$metadata?.requestId });
  return new AppError("internal", sentence);
}

/**
 * AWS answered and said no (a mapped refusal or throttling): nothing happened. An `internal` error may be a lost
 * answer to a call that did land, so callers that wrote an intent leave it for the reconciler to settle.
 */
export function refusedByAws(error: unknown): boolean {
  return error instanceof AwsThrottledError || (error instanceof AppError && error.code !== "internal");
}
