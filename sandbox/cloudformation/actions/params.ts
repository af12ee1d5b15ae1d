// Reading awsQuery form parameters: `X.member.N` lists, `X.member.N.Field` structures and booleans.
import { AwsError } from "../../core/contracts.ts";

export type QueryParams = Record<string, string>;

function memberIndexes(params: QueryParams, prefix: string): number[] {
  const indexes = new Set<number>();
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.member\\.(\\d+)(\\.|$)`);
  for (const key of Object.keys(params)) {
    const match = pattern.exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

export function stringList(params: QueryParams, name: string): string[] {
  return memberIndexes(params, name).map((i) => params[`${name}.member.${i}`]).filter((v): v is string => v !== undefined);
}

export function structList(params: QueryParams, name: string): Record<string, string>[] {
  return memberIndexes(params, name).map((i) => {
    const prefix = `${name}.member.${i}.`;
    return Object.fromEntries(Object.entries(params).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  });
}

export function bool(params: QueryParams, name: string): boolean | undefined {
  const value = params[name];
  return value === undefined ? undefined : value === "true";
}

export function required(params: QueryParams, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") {
    throw new AwsError("ValidationError", `1 validation error detected: Value null at '${name[0].toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/** NextToken for offset-based pagination (opaque to clients, as AWS's tokens are). */
export function decodeToken(token: string | undefined): number {
  if (!token) return 0;
  const offset = Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) throw new AwsError("ValidationError", "Invalid NextToken");
  return offset;
}

export function encodeToken(offset: number): string {
  return Buffer.from(String(offset), "utf8").toString("base64url");
}
