import { AwsError } from "../core/contracts.ts";

// awsJson 1.0 / 1.1 as the SDK's AwsJsonRpcProtocol reads them: operation from `X-Amz-Target: <prefix>.<Op>`,
// errors as `{"__type", "message"}` with a 4xx/5xx status. For query-compatible services (CloudWatch) the SDK takes
// the error code from the `x-amzn-query-error: Code;Sender` header first and fills e.Code / e.Type from it.

export interface JsonServiceBinding {
  /** Service name used in stats and logs. */
  name: string;
  targetPrefix: string;
  contentType: string;
  /** Shape-id namespace for `__type`, e.g. `com.amazonaws.cloudwatch`; plain `__type` when absent. */
  errorNamespace?: string;
  /** Query-compatible services: query error code -> modelled exception shape name. */
  queryCompatibleShapes?: Record<string, string>;
}

export function parseJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AwsError("SerializationException", "Request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AwsError("SerializationException", "Start of structure or map found where not expected.");
  }
  return parsed as Record<string, unknown>;
}

export interface JsonErrorReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonErrorReply(binding: JsonServiceBinding, error: AwsError): JsonErrorReply {
  const shape = binding.queryCompatibleShapes?.[error.code] ?? error.code;
  const type = binding.errorNamespace ? `${binding.errorNamespace}#${shape}` : shape;
  const headers: Record<string, string> = { "content-type": binding.contentType };
  if (binding.queryCompatibleShapes) headers["x-amzn-query-error"] = `${error.code};${error.fault}`;
  return { status: error.status, headers, body: JSON.stringify({ __type: type, message: error.message }) };
}
