import { z } from "zod";
import { AppError, type FieldErrors } from "./errors.ts";

/** Parses input with a zod schema; on failure raises `validation_failed` with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("validation_failed", "Some fields are not valid.", fieldErrorsOf(result.error));
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export const emailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email({ message: "Enter a valid email address." }));
export const nameSchema = z.string().trim().min(1, "Enter a name.").max(200);
export const passwordSchema = z.string().min(12, "Use at least 12 characters.").max(200);
