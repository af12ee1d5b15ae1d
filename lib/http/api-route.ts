import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { getDb } from "../db/client.ts";
import { AppError, toErrorBody } from "../errors.ts";
import { parseInput } from "../validation.ts";
import type { RequestMeta } from "../audit/record.ts";
import type { Actor } from "../auth/guard.ts";
import { getSessionActor } from "../auth/session.ts";
import { authenticateToken } from "../tokens/queries.ts";

const MAX_BODY_BYTES = 64 * 1024;

interface HandlerContext<B> {
  req: NextRequest;
  actor: Actor;
  body: B;
  meta: RequestMeta;
  params: Record<string, string>;
}

/**
 * The one wrapper for /api/v1 route handlers: authenticates (bearer token, else the browser session), reads and
 * validates the JSON body when a schema is given, and maps every error to `{ error: { code, message } }`.
 */
export function apiRoute<S extends z.ZodType | undefined = undefined>(
  options: { body?: S },
  handler: (ctx: HandlerContext<S extends z.ZodType ? z.infer<S> : undefined>) => Promise<unknown>,
) {
  return async (req: NextRequest, route: { params: Promise<Record<string, string>> }) => {
    try {
      const actor = await authenticate(req);
      const body = options.body ? parseInput(options.body, await readJson(req)) : undefined;
      const result = await handler({ req, actor, body: body as never, meta: metaOf(req), params: await route.params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      const { status, body } = toErrorBody(error);
      if (status >= 500) console.error(`${req.method} ${req.nextUrl.pathname} failed`, error);
      return NextResponse.json(body, { status });
    }
  };
}

async function authenticate(req: NextRequest): Promise<Actor> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match ? await authenticateToken(getDb(), match[1]!) : null;
    if (!actor) throw new AppError("unauthorized", "The API token is missing, invalid, expired or revoked.");
    return actor;
  }
  const actor = await getSessionActor();
  if (!actor) throw new AppError("unauthorized", "Sign in or send an API token (Authorization: Bearer ...).");
  return actor;
}

async function readJson(req: NextRequest): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large", "The request body is too large.");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("payload_too_large", "The request body is too large.");
  // No body is an empty object, whatever the Content-Type: a POST whose fields are all optional (execute) needs
  // none, and one with required fields answers which fields are missing instead of "not valid JSON".
  if (!text.trim()) return {};
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation_failed", "The request body is not valid JSON.");
  }
}

function metaOf(req: NextRequest): RequestMeta {
  const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded ?? req.headers.get("x-real-ip") ?? null, userAgent: req.headers.get("user-agent") };
}
