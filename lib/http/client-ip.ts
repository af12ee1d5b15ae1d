import { BlockList, isIP } from "node:net";
import type { RequestMeta } from "../audit/record.ts";

// The client's address is the TCP peer's, unless the operator says how many proxies in front of us to believe
// (TRUST_PROXY_HOPS=N) or which addresses are proxies (TRUST_PROXY_CIDRS). X-Forwarded-For is only ever read from
// the right, as far as trusted proxies wrote it: what a client sends itself sits to the left of that and is ignored.
// The front server (scripts/serve.ts) is the only caller of deriveClientIp: it sees the socket, replaces the
// headers below on every request and marks the process, so the app reads an answer no client can forge.

export const CLIENT_IP_HEADER = "x-stackdeck-client-ip";
const FRONT_MARK = Symbol.for("stackdeck.front-server");

export interface ProxyTrust {
  hops: number;
  cidrs: BlockList | null;
  describe: string;
}

export function proxyTrustFromEnv(env: Record<string, string | undefined> = process.env): ProxyTrust {
  const hopsText = env.TRUST_PROXY_HOPS?.trim();
  const cidrText = env.TRUST_PROXY_CIDRS?.trim();
  if (hopsText && cidrText) throw new Error("set TRUST_PROXY_HOPS or TRUST_PROXY_CIDRS, not both");
  if (cidrText) {
    const list = new BlockList();
    for (const entry of cidrText.split(",").map((c) => c.trim()).filter(Boolean)) {
      const [address, bits] = entry.split("/");
      const family = isIP(address ?? "");
      if (!family) throw new Error(`TRUST_PROXY_CIDRS: ${entry} is not an address or CIDR block`);
      const type = family === 6 ? "ipv6" : "ipv4";
      if (bits === undefined) list.addAddress(address!, type);
      else list.addSubnet(address!, Number(bits), type);
    }
    return { hops: 0, cidrs: list, describe: `proxies in ${cidrText}` };
  }
  const hops = hopsText ? Number(hopsText) : 0;
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new Error(`TRUST_PROXY_HOPS must be a whole number from 0 to 10, not ${hopsText}`);
  return { hops, cidrs: null, describe: hops ? `${hops} proxy hop(s)` : "no proxy (the socket address)" };
}

/** An address as PostgreSQL and people expect it: no port, no brackets, IPv4-mapped IPv6 as IPv4. */
export function normalizeIp(raw: string | undefined | null): string | null {
  let value = raw?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(value)) value = value.slice(7);
  return isIP(value) ? value : null;
}

function trusted(trust: ProxyTrust, address: string): boolean {
  return trust.cidrs?.check(address, isIP(address) === 6 ? "ipv6" : "ipv4") ?? false;
}

/**
 * The client of one request. The chain is X-Forwarded-For's entries followed by the socket's peer; walking it from
 * the right, each trusted hop is stepped over. An entry that is not an address ends the walk (it cannot come from
 * a proxy that we trust), and so does running out of entries.
 */
export function deriveClientIp(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trust: ProxyTrust): string | null {
  const peer = normalizeIp(socketAddress);
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").filter((e) => e.trim() !== "");
  const chain = [...listed.map(normalizeIp), peer];
  let index = chain.length - 1;
  let stepped = 0;
  while (index > 0 && chain[index] && (trust.cidrs ? trusted(trust, chain[index]!) : stepped < trust.hops)) {
    if (!chain[index - 1]) break;
    index--;
    stepped++;
  }
  return chain[index] ?? null;
}

/** Whether the request came through a proxy we trust (then its X-Forwarded-Proto is believed). */
export function viaTrustedProxy(socketAddress: string | undefined, trust: ProxyTrust): boolean {
  const peer = normalizeIp(socketAddress);
  return !!peer && (trust.cidrs ? trusted(trust, peer) : trust.hops > 0);
}

export function markFrontServer(): void {
  (globalThis as Record<symbol, unknown>)[FRONT_MARK] = true;
}

let warned = false;

/**
 * The app's side: the address the front server derived. Without the front (plain `next start` / `next dev`)
 * nothing in the request can be trusted, so the address is unknown (null) rather than whatever a client claims.
 */
export function clientIpFromHeaders(header: (name: string) => string | null | undefined): string | null {
  if (!(globalThis as Record<symbol, unknown>)[FRONT_MARK]) {
    if (!warned) console.warn("client IP unknown: serve the app through scripts/serve.ts (npm start / npm run dev), not next start");
    warned = true;
    return null;
  }
  return normalizeIp(header(CLIENT_IP_HEADER) ?? null);
}

/** Who sent a request, for rate limits and the audit log: the derived client IP and the user agent. */
export function requestMetaOf(header: (name: string) => string | null | undefined): RequestMeta {
  return { ip: clientIpFromHeaders(header), userAgent: header("user-agent") ?? null };
}
