import { z } from "zod";
import type { AuditEntryDto } from "@/lib/audit/queries";
import { ROLES } from "@/lib/auth/roles";
import type { VerificationDto } from "@/lib/audit/verifications";
import { VERIFICATION_STATUSES } from "@/lib/audit/jobs/verification-store";

// Who is calling, their API tokens, and the audit log (see responses.ts for why zod).

const iso = z.iso.datetime({ offset: true });

export const me = z.strictObject({
  email: z.string(),
  name: z.string(),
  grants: z.array(z.strictObject({ environment: z.string().describe("an environment key, or * for all"), role: z.enum(ROLES) })),
});

export const token = z.strictObject({
  id: z.uuid(), name: z.string(), prefix: z.string().describe("the first characters, to recognise it"),
  createdAt: iso, expiresAt: iso.nullable(), revokedAt: iso.nullable(), lastUsedAt: iso.nullable(),
});
export const tokenList = z.strictObject({ items: z.array(token) });
export const createdToken = z.strictObject({ id: z.uuid(), token: z.string().describe("the secret: shown in this response only"), name: z.string(), expiresAt: iso.nullable() });
export const revokedToken = z.strictObject({ revoked: z.uuid() });

export const auditEntry = z.strictObject({
  seq: z.string().describe("position in the hash chain"),
  occurredAt: iso,
  actorType: z.string(),
  actorUserId: z.uuid().nullable(),
  actorTokenId: z.uuid().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string().describe("e.g. deployment.approved"),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  environment: z.string().nullable(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
}) satisfies z.ZodType<AuditEntryDto>;
export const auditPage = z.strictObject({ items: z.array(auditEntry), nextCursor: z.string().nullable().describe("pass back as before for the next page") });

export const auditVerification = z.strictObject({
  id: z.uuid(),
  status: z.enum(VERIFICATION_STATUSES),
  requestedBy: z.string().nullable(),
  checked: z.string().describe("entries checked so far (a decimal string: counts can pass 2^53)"),
  total: z.string().describe("entries to check"),
  findingCount: z.int(),
  findings: z.array(z.record(z.string(), z.string())).describe("what was found: edits, deletions, reordering, a truncated tail"),
  checkpoint: z.strictObject({ seq: z.string(), at: iso }).nullable().describe("the signed checkpoint the log was held against"),
  error: z.string().nullable(),
  createdAt: iso,
  finishedAt: iso.nullable(),
}) satisfies z.ZodType<VerificationDto>;
