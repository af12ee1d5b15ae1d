// What a resource type's simulated handler does: realistic durations, physical ids and GetAtt attributes, and the
// calls into the sandbox's other services (CloudWatch alarms, ECS objects) that AWS's own handlers would make.
import { randomBytes, randomUUID } from "node:crypto";
import type { CloudWatchApi, EcsApi } from "../../core/contracts.ts";
import type { PhysicalResource } from "../state/types.ts";
import type { SecretRecord } from "../template/dynamic-references.ts";

export interface ProvisionContext {
  region: string;
  accountId: string;
  stackName: string;
  stackId: string;
  logicalId: string;
  cloudwatch: CloudWatchApi;
  ecs: EcsApi;
  /** The region's Parameter Store, written by AWS::SSM::Parameter. */
  ssmParameters: Record<string, string>;
  /** The region's Secrets Manager secrets (ARN -> name and value), written by AWS::SecretsManager::Secret. */
  secrets: Record<string, SecretRecord>;
}

export interface CreatedResource {
  physicalId: string;
  attributes: Record<string, unknown>;
}

export type Props = Record<string, unknown>;

export interface ResourceProvisioner {
  /** Realistic AWS durations in milliseconds (scaled by the sandbox speed). */
  durations: { create: number; update: number; delete: number };
  create(ctx: ProvisionContext, props: Props): CreatedResource;
  /** In-place update; returns the new attributes when they change. */
  update?(ctx: ProvisionContext, props: Props, current: PhysicalResource): Record<string, unknown> | void;
  delete?(ctx: ProvisionContext, current: PhysicalResource): void;
  /** Error codes of `delete` that mean "not yet" (e.g. services still draining): the handler retries. */
  retryDeleteOn?: string[];
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);
}

export function randomAlphanumeric(length: number): string {
  return Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join("");
}

export function randomDigits(length: number): string {
  return Array.from(randomBytes(length), (byte) => String(byte % 10)).join("");
}

export { randomUUID };

/** CloudFormation's generated names: `<stack>-<logicalId>-<RANDOM>`, each part truncated to fit `maxLength`. */
export function generatedName(ctx: ProvisionContext, maxLength = 64, suffixLength = 13): string {
  const suffix = randomAlphanumeric(suffixLength);
  const room = maxLength - suffixLength - 2;
  const stackPart = ctx.stackName.slice(0, Math.ceil(room / 2));
  const logicalPart = ctx.logicalId.slice(0, room - stackPart.length);
  return `${stackPart}-${logicalPart}-${suffix}`;
}

export function arn(ctx: ProvisionContext, service: string, resource: string, options: { global?: boolean } = {}): string {
  return `arn:aws:${service}:${options.global ? "" : ctx.region}:${ctx.accountId}:${resource}`;
}

export function stringProp(props: Props, name: string): string | undefined {
  const value = props[name];
  return value === undefined || value === null ? undefined : String(value);
}

/** A fixed-duration provisioner whose physical id comes from `makeId` and has no extra attributes beyond `attrs`. */
export function simple(
  durations: ResourceProvisioner["durations"],
  make: (ctx: ProvisionContext, props: Props) => CreatedResource,
): ResourceProvisioner {
  return { durations, create: make };
}

export const seconds = (s: number) => s * 1000;
