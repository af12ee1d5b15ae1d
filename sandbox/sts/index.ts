// STS of the sandbox (awsQuery, version 2011-06-15): AssumeRole and GetCallerIdentity, with the validation of the
// STS API reference. Trust policies and a role's MaxSessionDuration are not modelled: any well-formed role ARN can be
// assumed (as in LocalStack); the account of the returned credentials is the role's.
import { createHash } from "node:crypto";
import { AwsError, type QueryService, type RequestContext } from "../core/contracts.ts";
import { xmlElement } from "../core/xml.ts";
import type { StsSessions } from "./sessions.ts";

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
const CHAINED_MAX_SECONDS = 3600;

const invalid = (value: string | null, member: string, constraint: string) =>
  new AwsError(
    "ValidationError",
    `1 validation error detected: Value ${value === null ? "null" : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`,
  );

function checkText(params: Record<string, string>, key: string, member: string, min: number, max: number, pattern: RegExp, required: boolean) {
  const value = params[key];
  if (value === undefined) {
    if (required) throw invalid(null, member, "Member must not be null");
    return undefined;
  }
  if (value.length < min) throw invalid(value, member, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw invalid(value, member, `Member must have length less than or equal to ${max}`);
  if (!pattern.test(value)) throw invalid(value, member, `Member must satisfy regular expression pattern: ${pattern.source.slice(1, -1)}`);
  return value;
}

function durationSeconds(params: Record<string, string>, chained: boolean): number {
  const raw = params.DurationSeconds;
  if (raw === undefined) return 3600;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new AwsError("ValidationError", `Value '${raw}' at 'durationSeconds' is not a valid integer.`);
  if (value < 900) throw invalid(raw, "durationSeconds", "Member must have value greater than or equal to 900");
  if (value > 43200) throw invalid(raw, "durationSeconds", "Member must have value less than or equal to 43200");
  if (chained && value > CHAINED_MAX_SECONDS) {
    throw new AwsError("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  }
  return value;
}

function roleId(roleArn: string): string {
  return `AROA${createHash("sha256").update(roleArn).digest("hex").toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 17)}`;
}

function assumeRole(sessions: StsSessions, params: Record<string, string>, ctx: RequestContext): string {
  const roleArn = checkText(params, "RoleArn", "roleArn", 20, 2048, /^[\s\S]*$/, true)!;
  const sessionName = checkText(params, "RoleSessionName", "roleSessionName", 2, 64, SESSION_NAME, true)!;
  checkText(params, "ExternalId", "externalId", 2, 1224, EXTERNAL_ID, false);
  const sourceIdentity = checkText(params, "SourceIdentity", "sourceIdentity", 2, 64, SESSION_NAME, false);
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw new AwsError("ValidationError", `${roleArn} is invalid`);
  if (sourceIdentity?.toLowerCase().startsWith("aws:")) {
    throw new AwsError("ValidationError", "SourceIdentity cannot start with the prefix 'aws:'.");
  }
  const duration = durationSeconds(params, ctx.caller?.assumedRole ?? false);
  const [, accountId, , roleName] = match;
  const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
  const userId = `${roleId(roleArn)}:${sessionName}`;
  const credentials = sessions.open({ accountId, arn, userId }, duration, sourceIdentity);
  return (
    (sourceIdentity ? xmlElement("SourceIdentity", sourceIdentity) : "") +
    `<AssumedRoleUser>${xmlElement("Arn", arn)}${xmlElement("AssumedRoleId", userId)}</AssumedRoleUser>` +
    `<Credentials>${xmlElement("AccessKeyId", credentials.accessKeyId)}${xmlElement("SecretAccessKey", credentials.secretAccessKey)}` +
    `${xmlElement("SessionToken", credentials.sessionToken)}${xmlElement("Expiration", credentials.expiration)}</Credentials>` +
    xmlElement("PackedPolicySize", 0)
  );
}

export function createStsService(sessions: StsSessions): QueryService {
  return {
    protocol: "query",
    async handle(action, params, ctx) {
      if (action === "AssumeRole") return assumeRole(sessions, params, ctx);
      if (action === "GetCallerIdentity") {
        const caller = ctx.caller ?? { arn: `arn:aws:iam::${ctx.accountId}:root`, userId: ctx.accountId };
        return xmlElement("UserId", caller.userId) + xmlElement("Account", ctx.accountId) + xmlElement("Arn", caller.arn);
      }
      throw new AwsError("InvalidAction", `Could not find operation ${action} for version 2011-06-15`);
    },
  };
}
