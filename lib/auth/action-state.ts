import type { ErrorCode, FieldErrors } from "../errors.ts";

/** What a server action hands back to its form. Plain data, safe for client components to import. */
export type ActionState<T = unknown> =
  | { status: "idle" }
  | { status: "ok"; message: string; data?: T }
  | { status: "error"; code: ErrorCode; message: string; fields?: FieldErrors };

export const IDLE: ActionState<never> = { status: "idle" };
