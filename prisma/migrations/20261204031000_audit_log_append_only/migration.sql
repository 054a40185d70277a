-- The audit log is append-only: rows are inserted and never changed or removed (issue 16, item 5).
-- The one change allowed is the foreign key action ON DELETE SET NULL of "staffUserId" when a staff member
-- row is deleted: it runs inside the foreign key trigger (trigger depth above 1) and changes nothing else.
-- A direct UPDATE, DELETE or TRUNCATE is refused. Deleting an account is unaffected ("accountId" has no
-- foreign key, the rows outlive the account).
--
-- The migration runner splits this file at every semicolon, also inside dollar quotes. The function body is
-- therefore an E-string literal where each semicolon of the PL/pgSQL source is written as the escape \073.
CREATE OR REPLACE FUNCTION "audit_log_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE''
     AND pg_trigger_depth() > 1
     AND OLD."staffUserId" IS NOT NULL
     AND NEW."staffUserId" IS NULL
     AND (to_jsonb(NEW) - ''staffUserId'') = (to_jsonb(OLD) - ''staffUserId'') THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''AuditLog is append-only: % is refused'', TG_OP
    USING ERRCODE = ''insufficient_privilege'',
          HINT = ''Audit rows are never changed or removed.''\073
END
';

CREATE TRIGGER "AuditLog_append_only"
BEFORE UPDATE OR DELETE ON "AuditLog"
FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();

CREATE TRIGGER "AuditLog_no_truncate"
BEFORE TRUNCATE ON "AuditLog"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
