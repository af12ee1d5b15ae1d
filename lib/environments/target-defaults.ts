/**
 * The account of an environment whose profile names none (one an admin added): AWS_ACCOUNT_ID, else the account
 * plain sandbox/LocalStack credentials act in. Such an environment uses the base credentials (no role).
 */
export const DEFAULT_ACCOUNT_ID_FALLBACK = () => process.env.AWS_ACCOUNT_ID?.trim() || "000000000000";
