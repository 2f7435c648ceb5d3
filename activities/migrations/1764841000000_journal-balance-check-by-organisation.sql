-- Up Migration

-- The balanced-entry check runs once per written journal line at commit. It looked lines up by entry_id alone, which
-- no index leads with (journal_line's are organisation-first), so every check read the whole journal: posting an
-- invoice of three lines into a journal of a million lines took three sequential scans. Lines share their entry's
-- organisation (composite foreign key) and entry ids are unique, so filtering on the organisation as well finds the
-- same lines through journal_line_organisation_id_entry_id_line_no_key.
CREATE OR REPLACE FUNCTION journal_entry_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  organisations uuid[];
  entries uuid[];
  unbalanced record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    organisations := ARRAY[NEW.organisation_id];
    entries := ARRAY[NEW.entry_id];
  ELSIF TG_OP = 'DELETE' THEN
    organisations := ARRAY[OLD.organisation_id];
    entries := ARRAY[OLD.entry_id];
  ELSE
    organisations := ARRAY[NEW.organisation_id, OLD.organisation_id];
    entries := ARRAY[NEW.entry_id, OLD.entry_id];
  END IF;
  SELECT l.entry_id, l.currency, sum(l.debit) AS debits, sum(l.credit) AS credits INTO unbalanced
  FROM journal_line l WHERE l.organisation_id = ANY (organisations) AND l.entry_id = ANY (entries)
  GROUP BY l.entry_id, l.currency HAVING sum(l.debit) <> sum(l.credit)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % is unbalanced in %: debits % <> credits %',
      unbalanced.entry_id, unbalanced.currency, unbalanced.debits, unbalanced.credits
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

-- Down Migration
CREATE OR REPLACE FUNCTION journal_entry_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entries uuid[];
  unbalanced record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    entries := ARRAY[NEW.entry_id];
  ELSIF TG_OP = 'DELETE' THEN
    entries := ARRAY[OLD.entry_id];
  ELSE
    entries := ARRAY[NEW.entry_id, OLD.entry_id];
  END IF;
  SELECT l.entry_id, l.currency, sum(l.debit) AS debits, sum(l.credit) AS credits INTO unbalanced
  FROM journal_line l WHERE l.entry_id = ANY (entries)
  GROUP BY l.entry_id, l.currency HAVING sum(l.debit) <> sum(l.credit)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % is unbalanced in %: debits % <> credits %',
      unbalanced.entry_id, unbalanced.currency, unbalanced.debits, unbalanced.credits
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
