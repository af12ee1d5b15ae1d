// AWS's resource specification (via @aws-cdk/aws-service-spec): which types exist, their GetAtt attributes and
// which property changes force replacement. Loading takes about a second, so it happens once, lazily, and callers
// await `loadResourceSpec()` before using the synchronous lookups.
import { loadAwsServiceSpec } from "@aws-cdk/aws-service-spec";

export type RequiresRecreation = "Never" | "Conditionally" | "Always";

interface SpecProperty {
  causesReplacement?: "yes" | "no" | "maybe";
}

interface SpecResource {
  cloudFormationType: string;
  properties: Record<string, SpecProperty>;
  attributes: Record<string, unknown>;
  primaryIdentifier?: string[];
  /** What `Ref` returns, when it differs from the primary identifier. */
  cfnRefIdentifier?: string[];
  arnTemplate?: string;
}

let resources: Map<string, SpecResource> | undefined;
let loading: Promise<void> | undefined;

export function loadResourceSpec(): Promise<void> {
  loading ??= loadAwsServiceSpec().then((db) => {
    resources = new Map(db.all("resource").map((r) => [r.cloudFormationType, r as unknown as SpecResource]));
  });
  return loading;
}

function spec(): Map<string, SpecResource> {
  if (!resources) throw new Error("resource specification used before loadResourceSpec() finished");
  return resources;
}

export function isKnownResourceType(type: string): boolean {
  return spec().has(type);
}

export function attributeNames(type: string): string[] {
  return Object.keys(spec().get(type)?.attributes ?? {});
}

export function propertyNames(type: string): string[] {
  return Object.keys(spec().get(type)?.properties ?? {});
}

/** How a change of `property` affects the resource, as the change set's RequiresRecreation reports it. */
export function requiresRecreation(type: string, property: string): RequiresRecreation {
  const behaviour = spec().get(type)?.properties[property]?.causesReplacement;
  if (behaviour === "yes") return "Always";
  if (behaviour === "maybe") return "Conditionally";
  return "Never";
}

/**
 * The property that names a resource when it is its only identifier (LogGroupName, RoleName, ...): replacing a
 * resource while keeping such a custom name fails on AWS, because the new one cannot take the same name.
 */
export function customNameProperty(type: string): string | undefined {
  const resource = spec().get(type);
  const [identifier, ...rest] = resource?.primaryIdentifier ?? [];
  if (!identifier || rest.length > 0 || !identifier.endsWith("Name") || !resource?.properties[identifier]) return undefined;
  return identifier;
}

/** The identifier(s) `Ref` returns for the type (the specification's cfnRefIdentifier, else its primary identifier). */
export function refIdentifier(type: string): string[] {
  const resource = spec().get(type);
  return resource?.cfnRefIdentifier ?? resource?.primaryIdentifier ?? [];
}

/** The type's ARN format, e.g. `arn:${Partition}:sns:${Region}:${Account}:${TopicName}`, when the specification has one. */
export function arnTemplate(type: string): string | undefined {
  return spec().get(type)?.arnTemplate;
}
