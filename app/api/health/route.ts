import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** 200 only when the database answers; load balancers and the e2e web server wait on this. */
export async function GET() {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return NextResponse.json({ status: "ok", db: "ok" });
  } catch (error) {
    console.error("health check: database unreachable", error);
    return NextResponse.json({ status: "error", db: "unreachable" }, { status: 503 });
  }
}
