import "server-only";
import type { z } from "zod";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { AppError, toErrorBody } from "../errors.ts";
import { parseInput } from "../validation.ts";
import type { RequestMeta } from "../audit/record.ts";
import type { Actor } from "./guard.ts";
import { getSessionActor, requestMeta } from "./session.ts";
import { authorizeFirst, type Access } from "./authorize-first.ts";
import { getDb } from "../db/client.ts";

import type { ActionState } from "./action-state.ts";

interface ActionContext {
  actor: Actor;
  meta: RequestMeta;
}

/**
 * Every server action goes through here: any client can call a server action directly, so on the server, in this
 * order: the session (401), the action's access rule on the raw fields (403, lib/auth/authorize-first.ts), the
 * input (400), then one domain command (which checks everything again through the guard and records the audit
 * entry). Errors come back as state, never as a thrown stack trace.
 */
export function authorizedAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<{ message: string; data?: T } | never>,
  options: { access: Access; revalidate?: string },
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    try {
      const actor = await getSessionActor();
      if (!actor) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
      const fields = formFields(formData);
      await authorizeFirst(getDb(), actor, options.access, fields);
      const input = parseInput(schema, fields);
      const result = await run(input, { actor, meta: await requestMeta() });
      if (options.revalidate) revalidatePath(options.revalidate);
      return { status: "ok", ...result };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      const { status, body } = toErrorBody(error);
      if (status >= 500) console.error("server action failed", error);
      return { status: "error", ...body.error };
    }
  };
}

/** Form fields without React's own `$ACTION_*` bookkeeping entries; empty optional fields count as absent. */
function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string" || value === "") continue;
    fields[key] = value;
  }
  return fields;
}
