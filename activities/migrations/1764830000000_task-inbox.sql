-- Up Migration

-- The task inbox (issue 5, item 3): tasks open to a role, what the inbox filters and searches on, and the
-- notifications that push task and budget-actual changes to subscribers (LISTEN task_changed /
-- budget_actual_changed).
--
-- "My tasks" = assigned to me (delegated tasks are reassigned, so they count here too), or unassigned and open to
-- one of my roles (candidate_roles), always within one organisation. Open tasks are found through
-- task_assignee_open_idx (organisation, assignee; NULL for the role pool), closed ones through task_inbox_idx, which
-- also holds the default order (newest first); free text through a trigram index.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE task
  ADD COLUMN candidate_roles text[] NOT NULL DEFAULT '{}',
  -- Denormalised from the task's subject (invoice or document) by task_fill_inbox_columns, so the inbox filters
  -- and searches one table.
  ADD COLUMN supplier_id uuid,
  ADD COLUMN search_text text NOT NULL DEFAULT '',
  ADD CONSTRAINT task_supplier_fkey FOREIGN KEY (organisation_id, supplier_id) REFERENCES supplier (organisation_id, id);

-- Review tasks written before this migration were open to finance already (the workflow's validator says so).
UPDATE task SET candidate_roles = '{finance}' WHERE kind = 'invoice_review' AND assignee_id IS NULL;

CREATE FUNCTION task_fill_inbox_columns() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  supplier_name text;
  invoice_number text;
BEGIN
  IF NEW.supplier_id IS NULL THEN
    IF NEW.subject_type = 'invoice' THEN
      SELECT i.supplier_id, i.number INTO NEW.supplier_id, invoice_number
      FROM invoice i WHERE i.organisation_id = NEW.organisation_id AND i.id = NEW.subject_id;
    ELSIF NEW.subject_type = 'document' THEN
      SELECT d.supplier_id, i.number INTO NEW.supplier_id, invoice_number
      FROM document d LEFT JOIN invoice i ON i.organisation_id = d.organisation_id AND i.id = d.invoice_id
      WHERE d.organisation_id = NEW.organisation_id AND d.id = NEW.subject_id;
    END IF;
  END IF;
  IF NEW.supplier_id IS NOT NULL THEN
    SELECT s.name INTO supplier_name FROM supplier s
    WHERE s.organisation_id = NEW.organisation_id AND s.id = NEW.supplier_id;
  END IF;
  NEW.search_text := lower(concat_ws(' ', NEW.title, supplier_name, invoice_number));
  RETURN NEW;
END;
$$;
CREATE TRIGGER task_fill_inbox_columns BEFORE INSERT OR UPDATE OF title, subject_id, supplier_id ON task
  FOR EACH ROW EXECUTE FUNCTION task_fill_inbox_columns();

UPDATE task SET title = title;

CREATE INDEX task_inbox_idx ON task (organisation_id, assignee_id, status, created_at DESC, id DESC);
CREATE INDEX task_search_idx ON task USING gin (search_text gin_trgm_ops);

-- Task created, reassigned or closed: one notification per change, read by the API's subscription feed.
CREATE FUNCTION task_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.assignee_id IS NOT DISTINCT FROM OLD.assignee_id THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('task_changed', json_build_object(
    'organisationId', NEW.organisation_id,
    'taskId', NEW.id,
    'kind', NEW.kind,
    'status', NEW.status,
    'change', CASE
      WHEN TG_OP = 'INSERT' THEN 'created'
      WHEN NEW.status <> 'open' THEN 'closed'
      ELSE 'reassigned'
    END,
    'assigneeId', NEW.assignee_id,
    'previousAssigneeId', CASE WHEN TG_OP = 'UPDATE' THEN OLD.assignee_id END,
    'candidateRoles', NEW.candidate_roles
  )::text);
  RETURN NULL;
END;
$$;
CREATE TRIGGER task_notify_change AFTER INSERT OR UPDATE OF status, assignee_id ON task
  FOR EACH ROW EXECUTE FUNCTION task_notify_change();

-- Journal lines on an event change its budget vs actual. Identical payloads within one transaction are delivered
-- once, so an entry of many lines on one budget line notifies once.
CREATE FUNCTION journal_line_notify_actual() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('budget_actual_changed', json_build_object(
    'organisationId', NEW.organisation_id,
    'eventId', NEW.event_id,
    'budgetLineId', NEW.budget_line_id
  )::text);
  RETURN NULL;
END;
$$;
CREATE TRIGGER journal_line_notify_actual AFTER INSERT ON journal_line
  FOR EACH ROW WHEN (NEW.event_id IS NOT NULL) EXECUTE FUNCTION journal_line_notify_actual();

-- Down Migration
DROP TRIGGER journal_line_notify_actual ON journal_line;
DROP FUNCTION journal_line_notify_actual();
DROP TRIGGER task_notify_change ON task;
DROP FUNCTION task_notify_change();
DROP INDEX task_search_idx;
DROP INDEX task_inbox_idx;
DROP TRIGGER task_fill_inbox_columns ON task;
DROP FUNCTION task_fill_inbox_columns();
ALTER TABLE task
  DROP CONSTRAINT task_supplier_fkey,
  DROP COLUMN search_text,
  DROP COLUMN supplier_id,
  DROP COLUMN candidate_roles;
