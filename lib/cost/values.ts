// Reading resolved template properties. A value is either present, absent (use the CloudFormation default) or
// unresolved (an intrinsic the resolver could not evaluate): the estimator must tell the last two apart, because
// a default is a fact and an unresolved value is an unknown that must never be priced as if it were the default.

export type Read<T> = { kind: "value"; value: T } | { kind: "absent" } | { kind: "unresolved"; raw: unknown };

const absent = { kind: "absent" } as const;

export function isIntrinsic(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readString(value: unknown): Read<string> {
  if (value === undefined || value === null) return absent;
  if (typeof value === "string") return { kind: "value", value };
  if (typeof value === "number") return { kind: "value", value: String(value) };
  return { kind: "unresolved", raw: value };
}

/** Numbers arrive as numbers or, from parameters, as numeric strings ("20"). */
export function readNumber(value: unknown): Read<number> {
  if (value === undefined || value === null) return absent;
  if (typeof value === "number" && Number.isFinite(value)) return { kind: "value", value };
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return { kind: "value", value: Number(value) };
  }
  return { kind: "unresolved", raw: value };
}

export function readBoolean(value: unknown): Read<boolean> {
  if (value === undefined || value === null) return absent;
  if (typeof value === "boolean") return { kind: "value", value };
  if (typeof value === "string" && /^(true|false)$/i.test(value)) {
    return { kind: "value", value: value.toLowerCase() === "true" };
  }
  return { kind: "unresolved", raw: value };
}

/** `{ Ref: X }`, `{ "Fn::GetAtt": [X, "Attr"] }` or `{ "Fn::GetAtt": "X.Attr" }` → X; anything else → undefined. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (!isIntrinsic(value)) return undefined;
  const object = value as Record<string, unknown>;
  if (typeof object.Ref === "string") return object.Ref;
  const getAtt = object["Fn::GetAtt"];
  if (Array.isArray(getAtt) && typeof getAtt[0] === "string") return getAtt[0];
  if (typeof getAtt === "string") return getAtt.split(".")[0];
  return undefined;
}

/** A short, readable rendering of an unresolved value for a note. */
export function describeValue(raw: unknown): string {
  const text = JSON.stringify(raw) ?? String(raw);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
