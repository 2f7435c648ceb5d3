-- Up Migration

-- Multi-level approval (issue 4, item 6): who may approve (roles, budget-line owners), the organisation's approval
-- policy, absences with delegates, and the columns approval tasks and decisions need. The workflow is the source of
-- truth for an approval's state; these rows are what inboxes and the audit read, written idempotently (unique keys
-- below), so an activity retried after a crash never writes a task or a decision twice.

-- Realm roles of a user, synchronised from their token by the API (the demo seed sets them).
ALTER TABLE app_user ADD COLUMN roles text[] NOT NULL DEFAULT '{}';
CREATE INDEX app_user_roles_idx ON app_user USING gin (roles);

-- The person answerable for a budget line: its first approver under the default policy.
ALTER TABLE budget_line ADD COLUMN owner_id uuid;
ALTER TABLE budget_line ADD CONSTRAINT budget_line_owner_fkey
  FOREIGN KEY (organisation_id, owner_id) REFERENCES app_user (organisation_id, id);

-- One policy per organisation (none: the built-in default). The rule set is validated by the domain package
-- (parseApprovalPolicy) before it is written; the database checks its shape.
CREATE TABLE approval_policy (
  organisation_id uuid PRIMARY KEY REFERENCES organisation (id),
  rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object' AND rules ? 'levels'),
  updated_by uuid,
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  FOREIGN KEY (organisation_id, updated_by) REFERENCES app_user (organisation_id, id)
);

-- Out of office: while it lasts, the user's approval tasks go to the delegate.
CREATE TABLE approver_absence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  user_id uuid NOT NULL,
  starts_at timestamptz(6) NOT NULL,
  ends_at timestamptz(6) NOT NULL,
  delegate_id uuid,
  note text,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, id),
  CHECK (ends_at > starts_at),
  CHECK (delegate_id IS DISTINCT FROM user_id),
  FOREIGN KEY (organisation_id, user_id) REFERENCES app_user (organisation_id, id),
  FOREIGN KEY (organisation_id, delegate_id) REFERENCES app_user (organisation_id, id)
);
CREATE INDEX approver_absence_user_idx ON approver_absence (organisation_id, user_id, starts_at);

-- Approval tasks: one row per approver per level of one approval run (workflow_id). assignee_id is who holds it now
-- (the approver, their out-of-office delegate, or whom they delegated to); approver_id is whose slot it is.
ALTER TABLE task
  ADD COLUMN approval_level smallint CHECK (approval_level >= 1),
  ADD COLUMN approver_id uuid,
  ADD COLUMN assignment_reason text
    CHECK (assignment_reason IN ('assigned', 'out-of-office', 'delegated', 'escalated', 'fallback')),
  ADD COLUMN amount numeric(24,4),
  ADD COLUMN currency char(3) CHECK (currency ~ '^[A-Z]{3}$'),
  ADD COLUMN reminded_at timestamptz(6),
  ADD CONSTRAINT task_approver_fkey FOREIGN KEY (organisation_id, approver_id) REFERENCES app_user (organisation_id, id),
  ADD CONSTRAINT task_approval_slot_key UNIQUE (organisation_id, workflow_id, approval_level, approver_id),
  ADD CONSTRAINT task_approval_columns_check CHECK (
    (approval_level IS NULL) = (approver_id IS NULL) AND (approval_level IS NULL OR workflow_id IS NOT NULL)
  ),
  ADD CONSTRAINT task_amount_currency_check CHECK ((amount IS NULL) = (currency IS NULL));
CREATE INDEX task_workflow_idx ON task (organisation_id, workflow_id);

-- Decisions: at most one per person per level of one approval run (a decision sent twice is recorded once).
ALTER TABLE approval_decision
  ADD COLUMN workflow_id text,
  ADD COLUMN approval_level smallint CHECK (approval_level >= 1),
  ADD COLUMN on_behalf_of uuid,
  ADD CONSTRAINT approval_decision_on_behalf_of_fkey
    FOREIGN KEY (organisation_id, on_behalf_of) REFERENCES app_user (organisation_id, id),
  ADD CONSTRAINT approval_decision_once_key UNIQUE (organisation_id, workflow_id, approval_level, decided_by),
  ADD CONSTRAINT approval_decision_level_check CHECK ((workflow_id IS NULL) = (approval_level IS NULL));

-- Down Migration
ALTER TABLE approval_decision
  DROP CONSTRAINT approval_decision_level_check,
  DROP CONSTRAINT approval_decision_once_key,
  DROP CONSTRAINT approval_decision_on_behalf_of_fkey,
  DROP COLUMN on_behalf_of,
  DROP COLUMN approval_level,
  DROP COLUMN workflow_id;
DROP INDEX task_workflow_idx;
ALTER TABLE task
  DROP CONSTRAINT task_amount_currency_check,
  DROP CONSTRAINT task_approval_columns_check,
  DROP CONSTRAINT task_approval_slot_key,
  DROP CONSTRAINT task_approver_fkey,
  DROP COLUMN reminded_at,
  DROP COLUMN currency,
  DROP COLUMN amount,
  DROP COLUMN assignment_reason,
  DROP COLUMN approver_id,
  DROP COLUMN approval_level;
DROP TABLE approver_absence;
DROP TABLE approval_policy;
ALTER TABLE budget_line DROP CONSTRAINT budget_line_owner_fkey, DROP COLUMN owner_id;
DROP INDEX app_user_roles_idx;
ALTER TABLE app_user DROP COLUMN roles;
