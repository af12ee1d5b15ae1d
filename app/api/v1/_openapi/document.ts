import { z } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { ApiOperation } from "./operation";
import { API_OPERATIONS } from "./operations";

// The OpenAPI 3.1 document of /api/v1, built from API_OPERATIONS: request bodies, query and path parameters from
// the zod schemas the routes parse with (z.toJSONSchema, as the client sends them: io "input"), responses from
// the response schemas (as the server sends them: io "output").

type JsonSchema = Record<string, unknown>;

const ERROR_MEANINGS: Record<ErrorCode, string> = {
  validation_failed: "The input is not valid: `fields` says which field and why.",
  unauthorized: "No valid session or API token (Authorization: Bearer <token>).",
  forbidden: "Authenticated, but your roles do not allow it here (checked before the input).",
  not_found: "It does not exist (or you may not know it exists).",
  conflict: "Not now: e.g. the stack already has an active change, or the deployment is not in the required state.",
  rate_limited: "Too many attempts; wait and try again.",
  unsupported_media_type: "Send the body as JSON (Content-Type: application/json).",
  payload_too_large: "The request body is too large.",
  internal: "Something went wrong on our side; details are in the server's log, never in the response.",
};

export const ERROR_CODES = Object.keys(ERROR_MEANINGS) as ErrorCode[];
export const errorMeaning = (code: ErrorCode) => ERROR_MEANINGS[code];
export const statusOf = (code: ErrorCode) => new AppError(code, "").status;

export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: z.string().describe("a sentence for a person"),
    fields: z.record(z.string(), z.array(z.string())).optional().describe("per-field messages (validation_failed)"),
  }),
});

export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** Query parameters, one per property of the route's query schema. */
export function queryParameters(query: z.ZodObject): { name: string; required: boolean; schema: JsonSchema; description?: string }[] {
  const schema = jsonSchema(query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as JsonSchema & { description?: string };
    return { name, required: schema.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) };
  });
}

function operationObject(op: ApiOperation) {
  const parameters = [
    ...Object.entries(op.pathParams ?? {}).map(([name, p]) => ({ name, in: "path", required: true, description: p.description, schema: jsonSchema(p.schema, "input") })),
    ...(op.query ? queryParameters(op.query).map((p) => ({ in: "query", ...p })) : []),
  ];
  const content: Record<string, unknown> = {};
  if (op.success.schema) content["application/json"] = { schema: jsonSchema(op.success.schema, "output") };
  for (const [type, alt] of Object.entries(op.success.alternatives ?? {})) content[type] = { schema: { type: "string", description: alt.description } };
  const errors = Object.fromEntries(
    [...new Set(op.errors.map(statusOf))].map((status) => [
      String(status),
      {
        description: op.errors.filter((c) => statusOf(c) === status).map((c) => `${c}: ${ERROR_MEANINGS[c]}`).join(" "),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );
  return {
    operationId: `${op.method}${op.path.replace(/^\/api\/v1/, "").replace(/\{(\w+)\}/g, "By-$1").replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, `Access: ${op.access}.`].filter(Boolean).join("\n\n"),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: !op.body.optional, content: { "application/json": { schema: jsonSchema(op.body.schema, "input"), examples: op.body.examples } } } }
      : {}),
    responses: { [String(op.success.status)]: { description: op.success.description, ...(Object.keys(content).length ? { content } : {}) }, ...errors },
  };
}

export function buildOpenApiDocument(operations: ApiOperation[] = API_OPERATIONS) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "Stackdeck API",
      version: "1",
      description: "Every console action for CI and scripts. JSON in and out; errors always look like { error: { code, message, fields? } }. Authenticate with an API token (Authorization: Bearer <token>, from the console's API tokens page) or the console's session cookie.",
    },
    servers: [{ url: "/", description: "this console" }],
    security: [{ bearerToken: [] }, { session: [] }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "An API token (sdk_…)." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The console's session (browsers)." },
      },
      schemas: { Error: jsonSchema(errorBodySchema, "output") },
    },
  };
}
