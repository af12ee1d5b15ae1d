import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection from here. Migrations are applied by our own migrator (lib/db/migrator.ts),
// which keeps `_prisma_migrations` compatible, so `prisma migrate deploy` elsewhere sees the same history.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/stackdeck" },
});
