import type { AwsError } from "./contracts.ts";

/**
 * Opaque NextTokens: base64 of the position to continue after. Keying on the last item returned (not an index)
 * keeps pages stable when items are added or removed between calls, as AWS's tokens do.
 */
export function encodeNextToken(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

export function decodeNextToken<T extends Record<string, unknown>>(token: string, invalid: () => AwsError): T {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not an object");
    return value as T;
  } catch {
    throw invalid();
  }
}

/** One page of `items` (already sorted) after the item whose key is `afterKey`. */
export function pageAfter<T>(items: readonly T[], keyOf: (item: T) => string, afterKey: string | undefined, pageSize: number) {
  const start = afterKey === undefined ? 0 : items.findIndex((item) => keyOf(item) > afterKey);
  const from = start < 0 ? items.length : start;
  const page = items.slice(from, from + pageSize);
  const more = from + pageSize < items.length;
  return { page, lastKey: more && page.length > 0 ? keyOf(page[page.length - 1]) : undefined };
}
