import { AwsError } from "../core/contracts.ts";
import { escapeXml } from "../core/xml.ts";

// awsQuery as the SDK's AwsQueryProtocol reads it (@aws-sdk/core protocols): a success body
// `<XResponse><XResult>…</XResult>` (without the Result wrapper every field is silently undefined) and errors as
// `<ErrorResponse><Error><Type/><Code/><Message/></Error>` with a status >= 300 (a 200 would read as success).

export interface QueryRequest {
  action: string;
  version: string;
  params: Record<string, string>;
}

export function parseQueryRequest(body: string, urlSearch: string, expectedVersion: string, serviceName = "cloudformation"): QueryRequest {
  const params: Record<string, string> = {};
  for (const source of [new URLSearchParams(urlSearch), new URLSearchParams(body)]) {
    for (const [key, value] of source) params[key] = value;
  }
  const { Action: action, Version: version, ...rest } = params;
  if (!action) {
    throw new AwsError("MissingAction", "The request is missing an action or a required parameter.");
  }
  if (!version) {
    throw new AwsError("MissingParameter", "The request must contain the parameter Version.");
  }
  if (version !== expectedVersion) {
    throw new AwsError("NoSuchVersion", `The requested version (${version}) of service ${serviceName} does not exist.`);
  }
  return { action, version, params: rest };
}

export function queryResponse(action: string, xmlns: string, resultXml: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${xmlns}">` +
    `<${action}Result>${resultXml}</${action}Result>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  );
}

export function queryErrorResponse(error: AwsError, xmlns: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${xmlns}">` +
    `<Error><Type>${error.fault}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId>` +
    `</ErrorResponse>`
  );
}
