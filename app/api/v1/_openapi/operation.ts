import type { z } from "zod";
import type { ErrorCode } from "@/lib/errors";

/**
 * One documented /api/v1 call. Every schema here is the one the route handler parses with (its schema.ts or the
 * domain's), so the OpenAPI document and the reference page cannot describe a different API than the one served.
 */
export interface ApiOperation {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI path: `[id]` folders become `{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Who may call it (the server checks; this says what to expect). */
  access: string;
  pathParams?: Record<string, { schema: z.ZodType; description: string }>;
  query?: z.ZodObject;
  body?: {
    schema: z.ZodType;
    /** A POST whose fields are all optional may be sent without a body. */
    optional?: boolean;
    examples: Record<string, { summary: string; value: unknown }>;
  };
  success: {
    status: 200 | 201 | 202;
    description: string;
    schema?: z.ZodType;
    /** Other media types answered on request (Accept or ?format=), e.g. the event stream or a CSV file. */
    alternatives?: Record<string, { description: string }>;
  };
  errors: ErrorCode[];
}
