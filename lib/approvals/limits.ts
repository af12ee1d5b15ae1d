// Plain constants shared by forms (client components) and schemas. Kept free of zod: a client bundle that builds a
// zod object schema makes zod probe `new Function`, which the console's CSP (no 'unsafe-eval') reports as a violation.

/** The shortest reason an admin may type for emergency access (break glass). */
export const BREAK_GLASS_MIN_REASON = 10;
