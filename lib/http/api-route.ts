import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { getDb } from "../db/client.ts";
import { AppError, toErrorBody } from "../errors.ts";
import { parseInput } from "../validation.ts";
import type { RequestMeta } from "../audit/record.ts";
import type { Actor } from "../auth/guard.ts";
import { authorizeFirst, type Access, type RawFields } from "../auth/authorize-first.ts";
import { getSessionActor } from "../auth/session.ts";
import { authenticateToken } from "../tokens/queries.ts";
import { requestMetaOf } from "./client-ip.ts";
import { readBodyText } from "./body.ts";

interface HandlerContext<B> {
  req: NextRequest;
  actor: Actor;
  body: B;
  meta: RequestMeta;
  params: Record<string, string>;
}

interface RouteOptions<S> {
  /** Who may call it at all, checked before any input is read or validated (lib/auth/authorize-first.ts). */
  access: Access;
  body?: S;
}

/**
 * The one wrapper for /api/v1 route handlers, in this order: authenticate (401: bearer token, else the browser
 * session), authorize (403: the route's access rule, from the raw request), read the JSON body with a streamed
 * size limit, validate it, run the handler; every error becomes `{ error: { code, message } }`.
 */
export function apiRoute<S extends z.ZodType | undefined = undefined>(
  options: RouteOptions<S>,
  handler: (ctx: HandlerContext<S extends z.ZodType ? z.infer<S> : undefined>) => Promise<unknown>,
) {
  return async (req: NextRequest, route: { params: Promise<Record<string, string>> }) => {
    try {
      const actor = await authenticate(req);
      const params = await route.params;
      const fields: RawFields = { ...Object.fromEntries(req.nextUrl.searchParams), ...params };
      const raw = options.body ? await rawBody(req) : undefined;
      await authorizeFirst(getDb(), actor, options.access, raw && typeof raw === "object" && !Array.isArray(raw) ? { ...fields, ...raw } : fields);
      if (raw === NOT_JSON) throw new AppError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
      if (raw === INVALID_JSON) throw new AppError("validation_failed", "The request body is not valid JSON.");
      const body = options.body ? parseInput(options.body, raw) : undefined;
      const result = await handler({ req, actor, body: body as never, meta: requestMetaOf((n) => req.headers.get(n)), params });
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

/**
 * The JSON body, parsed but not validated; a bad body is only reported after authorization. No body is an empty
 * object, whatever the Content-Type: a POST whose fields are all optional (execute) needs none, and one with
 * required fields answers which fields are missing instead of "not valid JSON".
 */
async function rawBody(req: NextRequest): Promise<unknown> {
  const text = await readBodyText(req);
  if (!text.trim()) return {};
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) return NOT_JSON;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}

/** Stand in for a body that is not JSON: reported as invalid input, after authorization. */
const INVALID_JSON = Symbol("invalid JSON");
const NOT_JSON = Symbol("not JSON");
