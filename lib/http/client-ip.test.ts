import { describe, expect, it } from "vitest";
import { deriveClientIp, normalizeIp, proxyTrustFromEnv, viaTrustedProxy } from "./client-ip.ts";

const direct = proxyTrustFromEnv({});
const oneHop = proxyTrustFromEnv({ TRUST_PROXY_HOPS: "1" });
const twoHops = proxyTrustFromEnv({ TRUST_PROXY_HOPS: "2" });
const cidrs = proxyTrustFromEnv({ TRUST_PROXY_CIDRS: "10.0.0.0/8, fd00::/8, 192.0.2.1" });

describe("deriveClientIp", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(deriveClientIp("198.51.100.4", undefined, direct)).toBe("198.51.100.4");
    expect(deriveClientIp("198.51.100.4", "203.0.113.7", direct)).toBe("198.51.100.4");
    expect(deriveClientIp("::ffff:127.0.0.1", "203.0.113.7, 10.0.0.1", direct)).toBe("127.0.0.1");
  });

  it("believes exactly TRUST_PROXY_HOPS entries from the right, never what the client put to their left", () => {
    // The load balancer (10.0.0.5) appended the address it saw; the client's own claim sits further left.
    expect(deriveClientIp("10.0.0.5", "203.0.113.7, 198.51.100.4", oneHop)).toBe("198.51.100.4");
    expect(deriveClientIp("10.0.0.5", "198.51.100.4", oneHop)).toBe("198.51.100.4");
    expect(deriveClientIp("10.0.0.5", "203.0.113.7, 198.51.100.4, 10.0.0.9", twoHops)).toBe("198.51.100.4");
    // Fewer entries than hops: a client reached us past the proxy, and the furthest address is all we have.
    expect(deriveClientIp("198.51.100.4", undefined, oneHop)).toBe("198.51.100.4");
  });

  it("with TRUST_PROXY_CIDRS, steps over trusted proxies only, so a direct client cannot claim an address", () => {
    expect(deriveClientIp("10.1.2.3", "203.0.113.7, 198.51.100.4, 10.0.0.9", cidrs)).toBe("198.51.100.4");
    expect(deriveClientIp("198.51.100.4", "203.0.113.7", cidrs)).toBe("198.51.100.4");
    expect(deriveClientIp("fd00::1", "2001:db8::5", cidrs)).toBe("2001:db8::5");
    expect(deriveClientIp("192.0.2.1", "[2001:db8::5]:443", cidrs)).toBe("2001:db8::5");
  });

  it("stops at an entry that is not an address rather than passing it on", () => {
    expect(deriveClientIp("10.0.0.5", "'; DROP TABLE users; --", oneHop)).toBe("10.0.0.5");
    expect(deriveClientIp("10.0.0.5", "not-an-ip, 198.51.100.4", twoHops)).toBe("198.51.100.4");
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    expect(viaTrustedProxy("10.0.0.5", direct)).toBe(false);
    expect(viaTrustedProxy("10.0.0.5", oneHop)).toBe(true);
    expect(viaTrustedProxy("198.51.100.4", cidrs)).toBe(false);
    expect(viaTrustedProxy("10.9.9.9", cidrs)).toBe(true);
  });
});

describe("proxyTrustFromEnv", () => {
  it("refuses settings it cannot apply safely", () => {
    expect(() => proxyTrustFromEnv({ TRUST_PROXY_HOPS: "-1" })).toThrow(/whole number/);
    expect(() => proxyTrustFromEnv({ TRUST_PROXY_HOPS: "one" })).toThrow(/whole number/);
    expect(() => proxyTrustFromEnv({ TRUST_PROXY_CIDRS: "10.0.0.0/8,nonsense" })).toThrow(/not an address/);
    expect(() => proxyTrustFromEnv({ TRUST_PROXY_HOPS: "1", TRUST_PROXY_CIDRS: "10.0.0.0/8" })).toThrow(/not both/);
  });

  it("normalises addresses as they arrive on sockets and in headers", () => {
    expect(normalizeIp("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(normalizeIp("198.51.100.4:51234")).toBe("198.51.100.4");
    expect(normalizeIp("[::1]:3000")).toBe("::1");
    expect(normalizeIp("unknown")).toBeNull();
  });
});
