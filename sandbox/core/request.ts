import { randomUUID } from "node:crypto";
import { AwsError } from "./contracts.ts";

export const DEFAULT_REGION = "us-east-1";

export function newRequestId(): string {
  return randomUUID();
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * The region of a SigV4-signed request, from the credential scope `AKID/<date>/<region>/<service>/aws4_request`.
 * Signatures are not checked (any dummy credentials see the same account), but a present Authorization header
 * must be well-formed, as AWS answers IncompleteSignature otherwise. Unsigned requests use the default region.
 */
export function regionFromAuthorization(header: string | undefined): string {
  if (!header) return DEFAULT_REGION;
  const scope = /Credential=([^,\s]+)/.exec(header)?.[1];
  const parts = scope?.split("/");
  if (!parts || parts.length !== 5 || parts[4] !== "aws4_request" || !REGION_PATTERN.test(parts[2])) {
    throw new AwsError(
      "IncompleteSignature",
      "Authorization header requires a Credential parameter of the form AKID/date/region/service/aws4_request.",
    );
  }
  return parts[2];
}

function credentialScope(header: string | undefined): string[] | undefined {
  return header ? /Credential=([^,\s]+)/.exec(header)?.[1]?.split("/") : undefined;
}

/** The access key id of a SigV4 Authorization header (which account is calling: sandbox/sts/sessions.ts). */
export function accessKeyFromAuthorization(header: string | undefined): string | undefined {
  return credentialScope(header)?.[0];
}

/** The signing name of the credential scope (`cloudformation`, `sts`, ...): which awsQuery service is called. */
export function signingServiceFromAuthorization(header: string | undefined): string | undefined {
  return credentialScope(header)?.[3];
}
