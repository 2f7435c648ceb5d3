-- Up Migration

-- Invoice intake (issue 4): exchange rates, exactly-once posting, payment schedule and the supplier notification
-- outbox.

-- Exchange rates entered by finance (or imported): one unit of from_currency buys `rate` units of to_currency.
-- Full precision (numeric without scale); a foreign invoice's base-currency amount, which drives the approval
-- thresholds and the posting, comes from one of these rows.
CREATE TABLE fx_rate (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  from_currency char(3) NOT NULL CHECK (from_currency ~ '^[A-Z]{3}$'),
  to_currency char(3) NOT NULL CHECK (to_currency ~ '^[A-Z]{3}$'),
  rate numeric NOT NULL CHECK (rate > 0),
  rate_date date NOT NULL,
  source text NOT NULL CHECK (length(trim(source)) > 0),
  entered_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, id),
  UNIQUE (organisation_id, from_currency, to_currency, rate_date, source),
  CHECK (from_currency <> to_currency),
  FOREIGN KEY (organisation_id, entered_by) REFERENCES app_user (organisation_id, id)
);
CREATE INDEX fx_rate_lookup_idx ON fx_rate (organisation_id, from_currency, to_currency, rate_date);

-- The expense account a category posts to; a line's account is the nearest one up its category tree.
ALTER TABLE budget_category ADD COLUMN expense_account_code text CHECK (length(trim(expense_account_code)) > 0);

-- An invoice is posted to the journal exactly once: a retried or duplicated posting activity hits this index and
-- returns the entry that is already there.
CREATE UNIQUE INDEX journal_entry_one_per_invoice_idx ON journal_entry (organisation_id, source_id)
  WHERE source_type = 'invoice';

-- One payment scheduled per invoice (the payment run that releases it is a later workflow).
CREATE TABLE payment_schedule (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  invoice_id uuid NOT NULL,
  supplier_id uuid NOT NULL,
  due_on date NOT NULL,
  amount numeric(24,4) NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'released', 'paid', 'cancelled')),
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, id),
  UNIQUE (organisation_id, invoice_id),
  FOREIGN KEY (organisation_id, invoice_id) REFERENCES invoice (organisation_id, id),
  FOREIGN KEY (organisation_id, supplier_id) REFERENCES supplier (organisation_id, id)
);
CREATE INDEX payment_schedule_due_idx ON payment_schedule (organisation_id, status, due_on);

-- Outbox of messages to suppliers, one per invoice and kind; a sender (out of scope here) delivers and stamps them.
CREATE TABLE supplier_notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  supplier_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('invoice-approved', 'invoice-rejected', 'invoice-changes-requested', 'payment-scheduled')),
  payload jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  sent_at timestamptz(6),
  UNIQUE (organisation_id, id),
  UNIQUE (organisation_id, invoice_id, kind),
  FOREIGN KEY (organisation_id, supplier_id) REFERENCES supplier (organisation_id, id),
  FOREIGN KEY (organisation_id, invoice_id) REFERENCES invoice (organisation_id, id)
);
CREATE INDEX supplier_notification_unsent_idx ON supplier_notification (organisation_id) WHERE sent_at IS NULL;

-- Down Migration
DROP TABLE supplier_notification;
DROP TABLE payment_schedule;
DROP INDEX journal_entry_one_per_invoice_idx;
ALTER TABLE budget_category DROP COLUMN expense_account_code;
DROP TABLE fx_rate;
