import type { IncomingHttpHeaders } from "node:http";
import {
  ACCOUNT_ID,
  AwsError,
  UnknownOperationError,
  type JsonService,
  type QueryService,
  type RequestContext,
} from "../core/contracts.ts";
import { newRequestId, regionFromAuthorization, DEFAULT_REGION } from "../core/request.ts";
import { jsonErrorReply, parseJsonBody, type JsonServiceBinding } from "./json-protocol.ts";
import { parseQueryRequest, queryErrorResponse, queryResponse } from "./query-protocol.ts";
import { throttlingError } from "./operability.ts";

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a call was, for stats and the request log, once it could be identified. */
export interface CallInfo {
  service: string;
  operation: string;
  region: string;
  throttled: boolean;
}

export interface AwsRequest {
  headers: IncomingHttpHeaders;
  search: string;
  body: string;
}

export interface QueryBinding {
  name: string;
  version: string;
  xmlns: string;
  service: QueryService;
}

export interface JsonBindingWithService extends JsonServiceBinding {
  service: JsonService;
}

export interface DispatchOptions {
  query: QueryBinding;
  json: JsonBindingWithService[];
  /** True when this call is to be answered with a throttling error (random share, or over a rate limit). */
  shouldThrottle(service: string, region: string): boolean;
}

const INTERNAL_FAILURE = () =>
  new AwsError("InternalFailure", "The request processing has failed because of an unknown error.", 500, "Receiver");

/** Routes an AWS API call by protocol, answering every failure in the protocol's own error shape. */
export async function dispatchAwsCall(request: AwsRequest, options: DispatchOptions): Promise<{ reply: Reply; call: CallInfo }> {
  const requestId = newRequestId();
  const target = headerValue(request.headers, "x-amz-target");
  return target === undefined
    ? dispatchQuery(request, options, requestId)
    : dispatchJson(request, target, options, requestId);
}

async function dispatchQuery(request: AwsRequest, options: DispatchOptions, requestId: string) {
  const { name, version, xmlns, service } = options.query;
  const call: CallInfo = { service: name, operation: "(malformed)", region: DEFAULT_REGION, throttled: false };
  const reply = (status: number, body: string): Reply => ({
    status,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body,
  });
  try {
    call.region = regionFromAuthorization(headerValue(request.headers, "authorization"));
    const parsed = parseQueryRequest(request.body, request.search, version);
    call.operation = parsed.action;
    if (options.shouldThrottle(name, call.region)) {
      call.throttled = true;
      throw throttlingError("query", false);
    }
    const result = await service.handle(parsed.action, parsed.params, context(call.region, requestId));
    return { reply: reply(200, queryResponse(parsed.action, xmlns, result, requestId)), call };
  } catch (thrown) {
    const error = toAwsError(thrown, () =>
      new AwsError("InvalidAction", "The action or operation requested is invalid. Verify that the action is typed correctly."),
    );
    return { reply: reply(error.status, queryErrorResponse(error, xmlns, requestId)), call };
  }
}

async function dispatchJson(request: AwsRequest, target: string, options: DispatchOptions, requestId: string) {
  const dot = target.lastIndexOf(".");
  const prefix = dot > 0 ? target.slice(0, dot) : target;
  const operation = dot > 0 ? target.slice(dot + 1) : "";
  const binding = options.json.find((candidate) => candidate.targetPrefix === prefix);
  const call: CallInfo = { service: binding?.name ?? "unknown", operation: operation || "(malformed)", region: DEFAULT_REGION, throttled: false };
  const fallbackBinding: JsonServiceBinding = { name: "unknown", targetPrefix: prefix, contentType: "application/x-amz-json-1.1" };
  const errorReply = (error: AwsError): Reply => {
    const { status, headers, body } = jsonErrorReply(binding ?? fallbackBinding, error);
    return { status, headers: { ...headers, "x-amzn-requestid": requestId }, body };
  };
  try {
    call.region = regionFromAuthorization(headerValue(request.headers, "authorization"));
    if (!binding || !operation) throw new UnknownOperationError(target);
    const body = parseJsonBody(request.body);
    if (options.shouldThrottle(binding.name, call.region)) {
      call.throttled = true;
      throw throttlingError("json", binding.queryCompatibleShapes !== undefined);
    }
    const result = await binding.service.handle(operation, body, context(call.region, requestId));
    return {
      reply: {
        status: 200,
        headers: { "content-type": binding.contentType, "x-amzn-requestid": requestId },
        body: JSON.stringify(result ?? {}),
      },
      call,
    };
  } catch (thrown) {
    const error = toAwsError(thrown, () => new AwsError("UnknownOperationException", `Unknown operation ${target}`));
    return { reply: errorReply(error), call };
  }
}

function toAwsError(thrown: unknown, unknownOperation: () => AwsError): AwsError {
  if (thrown instanceof AwsError) return thrown;
  if (thrown instanceof UnknownOperationError) return unknownOperation();
  console.error("sandbox: unexpected failure while handling a call", thrown);
  return INTERNAL_FAILURE();
}

function context(region: string, requestId: string): RequestContext {
  return { region, accountId: ACCOUNT_ID, requestId };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
