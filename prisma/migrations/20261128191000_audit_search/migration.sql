-- Audit search: every filter of the audit page is an index scan in sequence order (newest first, keyset on seq).
-- Actor is searched by the label the entry was written with (an email, or what a failed sign-in typed).
CREATE INDEX "audit_events_actor_label_seq_idx" ON "audit_events"("actor_label", "seq");
-- Actor + time range: a range scan of that actor's entries in the window, however far back the window is.
CREATE INDEX "audit_events_actor_label_occurred_at_idx" ON "audit_events"("actor_label", "occurred_at");
-- Stack: deployments name the stack as their target.
CREATE INDEX "audit_events_target_type_target_id_seq_idx" ON "audit_events"("target_type", "target_id", "seq");
-- Stack named in the details (approvals, break glass). An expression index Prisma cannot describe; partial, so
-- entries without a stack cost nothing.
CREATE INDEX "audit_events_details_stack_seq_idx" ON "audit_events"((details->>'stack'), "seq")
  WHERE details->>'stack' IS NOT NULL;
