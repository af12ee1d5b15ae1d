import { AppError } from "../errors.ts";
import { callAws, internalAwsError, mapAwsError, type SdkLikeError } from "./errors.ts";

// How CloudFormation's errors become ours. ValidationError is not a modelled exception: the SDK raises a service
// exception named "ValidationError" and only the message tells a missing stack from a wrong status or bad input.

export { AwsThrottledError, isThrottling } from "./errors.ts";

/** Wording AWS uses when the thing named does not exist (stack, change set, export). */
const NOT_FOUND = /does not exist|not found|cannot be found/i;
/** Wording AWS uses when the request is fine but the stack's (or change set's) current status forbids it. */
const WRONG_STATE =
  /(current|in) (stack )?(status|state)|can ?not be (updated|deleted|executed|created)|already exists|is in [A-Z_]+ state|No updates are to be performed|in progress|cannot be called from|is not in a state/i;

const CONFLICT_NAMES = new Set([
  "InvalidChangeSetStatusException",
  "InvalidChangeSetStatus",
  "AlreadyExistsException",
  "TokenAlreadyExistsException",
  "NameAlreadyExistsException",
  "OperationInProgressException",
  "LimitExceededException",
]);
const NOT_FOUND_NAMES = new Set(["ChangeSetNotFoundException", "ChangeSetNotFound", "StackNotFoundException", "StackInstanceNotFoundException"]);
const INPUT_NAMES = new Set(["InsufficientCapabilitiesException", "InsufficientCapabilities", "InvalidParameterValue", "InvalidParameterCombination", "MissingParameter"]);

/** True when the endpoint does not implement the operation at all (a local AWS emulator may lack some). */
export function isUnsupportedOperation(error: unknown): boolean {
  const name = (error as SdkLikeError | null)?.name ?? "";
  return name === "InvalidAction" || name === "UnknownOperationException" || name === "NotImplemented";
}

/**
 * An SDK error as one of ours: throttling -> AwsThrottledError; ValidationError -> not_found / conflict /
 * validation_failed by its wording, keeping AWS's message (it is the useful sentence for the user); anything else
 * -> internal, with the cause logged and a generic message.
 */
export function mapCloudFormationError(error: unknown, operation: string): Error {
  return mapAwsError("CloudFormation", error, operation, mapCloudFormationServiceError);
}

function mapCloudFormationServiceError(e: SdkLikeError, message: string, operation: string): AppError {
  const name = e.name ?? "";
  if (name === "ValidationError" || name === "ValidationException") {
    if (NOT_FOUND.test(message) && !/parameter|template format/i.test(message)) return new AppError("not_found", message);
    if (WRONG_STATE.test(message)) return new AppError("conflict", message);
    return new AppError("validation_failed", message);
  }
  if (NOT_FOUND_NAMES.has(name)) return new AppError("not_found", message);
  if (CONFLICT_NAMES.has(name)) return new AppError("conflict", message);
  if (INPUT_NAMES.has(name)) return new AppError("validation_failed", message);
  return internalAwsError("CloudFormation", e, message, operation);
}

/** Runs one SDK call and maps whatever it throws. */
export function callCloudFormation<T>(operation: string, call: () => Promise<T>): Promise<T> {
  return callAws("CloudFormation", operation, call, mapCloudFormationServiceError);
}
