import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;
/** The client handed to callbacks of `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { stackdeckDb?: PrismaClient };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm run dev sets it for the embedded PostgreSQL)");
  return url;
}

export function createDb(url = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

/** One client per process; kept on globalThis so Next's dev reloads don't open a pool per edit. */
export function getDb(): PrismaClient {
  globalForDb.stackdeckDb ??= createDb();
  return globalForDb.stackdeckDb;
}
