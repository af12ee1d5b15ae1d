// One error type with stable codes. Route handlers and server actions turn it into a response of one shape;
// the message is a sentence for the user, never an internal detail.

export type ErrorCode =
  | "unauthorized"
  | "forbidden"
  | "validation_failed"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "unsupported_media_type"
  | "payload_too_large"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unsupported_media_type: 415,
  payload_too_large: 413,
  internal: 500,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors };
}

/** The public shape of any error; unknown errors become a generic `internal` without their details. */
export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fieldErrors) body.error.fields = error.fieldErrors;
    return { status: error.status, body };
  }
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side." } } };
}

export const forbidden = (message = "You do not have permission to do that.") => new AppError("forbidden", message);
export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
