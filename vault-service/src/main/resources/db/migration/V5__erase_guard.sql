-- A case key is deleted by the vault's erase path only. The path records the erasure first, in the same
-- transaction (JdbcCaseKeyStore.delete); a delete without that record, whoever sends it (a stray query, an injected
-- one, a tool pointed at the wrong database), is refused, and so is emptying the table. No other service's role can
-- reach this database at all (each database is owned by its own role; PUBLIC may not connect).
CREATE TABLE case_erasures (
    case_id   text        PRIMARY KEY,
    erased_at timestamptz NOT NULL DEFAULT now(),
    erased_in xid8        NOT NULL DEFAULT pg_current_xact_id()
);

CREATE FUNCTION refuse_key_delete_without_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM case_erasures WHERE case_id = OLD.case_id AND erased_in = pg_current_xact_id()) THEN
    RAISE EXCEPTION 'The key of case % may be deleted only by the vault''s erase path', OLD.case_id
        USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END $$;

CREATE FUNCTION refuse_key_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Case keys may not be emptied: each is deleted by the vault''s erase path only'
      USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER case_keys_erase_path_only BEFORE DELETE ON case_keys
    FOR EACH ROW EXECUTE FUNCTION refuse_key_delete_without_erasure();
CREATE TRIGGER case_keys_never_emptied BEFORE TRUNCATE ON case_keys
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_key_truncate();
