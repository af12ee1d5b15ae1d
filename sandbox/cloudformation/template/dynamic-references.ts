// Dynamic references ({{resolve:ssm:...}}, {{resolve:secretsmanager:...}}) in resource properties, resolved against the
// sandbox's Parameter Store (AWS::SSM::Parameter resources) and secrets (AWS::SecretsManager::Secret resources and RDS
// managed master user secrets). The stack keeps the literal references: resolved values only go to the resource
// handler, never into stored properties, events or responses (user guide: "Get a secret or secret value from Secrets
// Manager", "Get a plaintext value from Systems Manager Parameter Store").
import { AwsError } from "../../core/contracts.ts";

export interface SecretRecord {
  name: string;
  value: string;
}

export interface DynamicReferenceStores {
  ssmParameters: Record<string, string>;
  /** Secret ARN -> name and current (AWSCURRENT) value. */
  secrets: Record<string, SecretRecord>;
}

const REFERENCE = /\{\{resolve:(ssm|secretsmanager):([^}]*)\}\}/g;

/** `Parameters: [ssm:NAME] cannot be found.`: AWS's ValidationError for a missing Parameter Store parameter. */
export function ssmNotFound(name: string): AwsError {
  return new AwsError("ValidationError", `Parameters: [ssm:${name}] cannot be found.`);
}

/** `{{resolve:ssm:name}}` or `{{resolve:ssm:name:version}}` (the sandbox keeps only the current value). */
function ssmName(body: string): string {
  return body.replace(/:\d+$/, "");
}

function resolveSsm(body: string, stores: DynamicReferenceStores): string {
  const name = ssmName(body);
  const value = stores.ssmParameters[name];
  if (value === undefined) throw ssmNotFound(name);
  return value;
}

function secretsManagerError(message: string, code: string): AwsError {
  return new AwsError(code, `${message} (Service: AWSSecretsManager; Status Code: 400; Error Code: ${code})`);
}

/** secret-id:SecretString:json-key:version-stage:version-id, where secret-id may be an ARN (which has colons). */
function resolveSecret(body: string, stores: DynamicReferenceStores): string {
  const parts = body.split(":");
  const idParts = parts[0] === "arn" ? 7 : 1;
  const secretId = parts.slice(0, idParts).join(":");
  const [, jsonKey = "", stage = "", versionId = ""] = parts.slice(idParts);
  const secret = stores.secrets[secretId] ?? Object.values(stores.secrets).find((s) => s.name === secretId);
  if (!secret) throw secretsManagerError("Secrets Manager can't find the specified secret.", "ResourceNotFoundException");
  if (versionId !== "") {
    throw secretsManagerError(`Secrets Manager can't find the specified secret value for VersionId: ${versionId}`, "ResourceNotFoundException");
  }
  if (stage !== "" && stage !== "AWSCURRENT") {
    throw secretsManagerError(`Secrets Manager can't find the specified secret value for staging label: ${stage}`, "ResourceNotFoundException");
  }
  if (jsonKey === "") return secret.value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret.value);
  } catch {
    parsed = undefined;
  }
  const value = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>)[jsonKey] : undefined;
  if (value === undefined) throw new AwsError("ValidationError", "Could not find a value associated with JSONKey in SecretString");
  return typeof value === "string" ? value : JSON.stringify(value);
}

function resolveString(text: string, stores: DynamicReferenceStores): string {
  return text.replace(REFERENCE, (_whole, service: string, body: string) =>
    service === "ssm" ? resolveSsm(body, stores) : resolveSecret(body, stores));
}

/** A copy of `value` with every ssm and secretsmanager dynamic reference replaced by its value. */
export function resolveDynamicReferences(value: unknown, stores: DynamicReferenceStores): unknown {
  if (typeof value === "string") return value.includes("{{resolve:") ? resolveString(value, stores) : value;
  if (Array.isArray(value)) return value.map((item) => resolveDynamicReferences(item, stores));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDynamicReferences(v, stores)]));
  }
  return value;
}

/** The Parameter Store names that literal ssm references in `value` name (checked before an operation starts). */
export function literalSsmNames(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") {
    for (const match of value.matchAll(REFERENCE)) {
      if (match[1] === "ssm" && !match[2].includes("${")) found.add(ssmName(match[2]));
    }
  } else if (Array.isArray(value)) value.forEach((item) => literalSsmNames(item, found));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((item) => literalSsmNames(item, found));
  return found;
}
