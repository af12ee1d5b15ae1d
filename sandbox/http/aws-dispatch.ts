import type { IncomingHttpHeaders } from "node:http";
import {
  AwsError,
  UnknownOperationError,
  type JsonService,
  type QueryService,
  type RequestContext,
} from "../core/contracts.ts";
import { accessKeyFromAuthorization, newRequestId, regionFromAuthorization, DEFAULT_REGION, signingServiceFromAuthorization } from "../core/request.ts";
import { DEFAULT_ACCOUNT_ID } from "../core/accounts.ts";
import type { CallerIdentity } from "../sts/sessions.ts";
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
  /** The service as the calling account sees it (every account has its own state). */
  service(accountId: string): QueryService;
}

export interface JsonBindingWithService extends JsonServiceBinding {
  service(accountId: string): JsonService;
}

export interface DispatchOptions {
  /** awsQuery services, told apart by the signing name of the credential scope (else by Version). */
  query: QueryBinding[];
  json: JsonBindingWithService[];
  /** The account and identity behind an access key; throws for invalid or expired session credentials. */
  identify(accessKeyId: string | undefined): CallerIdentity;
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

function queryBindingFor(request: AwsRequest, options: DispatchOptions): QueryBinding {
  const signingName = signingServiceFromAuthorization(headerValue(request.headers, "authorization"));
  const version = new URLSearchParams(request.body).get("Version") ?? new URLSearchParams(request.search).get("Version");
  return options.query.find((binding) => binding.name === signingName)
    ?? options.query.find((binding) => binding.version === version)
    ?? options.query[0];
}

async function dispatchQuery(request: AwsRequest, options: DispatchOptions, requestId: string) {
  const { name, version, xmlns, service } = queryBindingFor(request, options);
  const call: CallInfo = { service: name, operation: "(malformed)", region: DEFAULT_REGION, throttled: false };
  const reply = (status: number, body: string): Reply => ({
    status,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body,
  });
  try {
    call.region = regionFromAuthorization(headerValue(request.headers, "authorization"));
    const caller = identify(request, options);
    const parsed = parseQueryRequest(request.body, request.search, version, name);
    call.operation = parsed.action;
    if (options.shouldThrottle(name, call.region)) {
      call.throttled = true;
      throw throttlingError("query", false);
    }
    const result = await service(caller.accountId).handle(parsed.action, parsed.params, context(call.region, requestId, caller));
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
    const caller = identify(request, options);
    if (!binding || !operation) throw new UnknownOperationError(target);
    const body = parseJsonBody(request.body);
    if (options.shouldThrottle(binding.name, call.region)) {
      call.throttled = true;
      throw throttlingError("json", binding.queryCompatibleShapes !== undefined);
    }
    const result = await binding.service(caller.accountId).handle(operation, body, context(call.region, requestId, caller));
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

function identify(request: AwsRequest, options: DispatchOptions): CallerIdentity {
  const authorization = headerValue(request.headers, "authorization");
  if (!authorization) return { accountId: DEFAULT_ACCOUNT_ID, arn: `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:root`, userId: DEFAULT_ACCOUNT_ID, assumedRole: false };
  return options.identify(accessKeyFromAuthorization(authorization));
}

function context(region: string, requestId: string, caller: CallerIdentity): RequestContext {
  return { region, accountId: caller.accountId, requestId, caller: { arn: caller.arn, userId: caller.userId, assumedRole: caller.assumedRole } };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
