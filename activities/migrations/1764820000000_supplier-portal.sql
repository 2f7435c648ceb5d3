-- Up Migration

-- Supplier portal (issue 5): a user can speak for one supplier of their organisation, and bank details a supplier
-- asks to change wait, sealed, for finance to verify them before they take effect.

ALTER TABLE app_user ADD COLUMN supplier_id uuid;
ALTER TABLE app_user ADD CONSTRAINT app_user_supplier_fkey
  FOREIGN KEY (organisation_id, supplier_id) REFERENCES supplier (organisation_id, id);
CREATE INDEX app_user_supplier_idx ON app_user (organisation_id, supplier_id) WHERE supplier_id IS NOT NULL;

-- The requested details are sealed like the supplier's own (bound to this row, so they cannot be copied into the
-- supplier's); bank name and the account's last four characters are kept apart for finance's review screen.
CREATE TABLE bank_details_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  supplier_id uuid NOT NULL,
  requested_by uuid,
  details_ciphertext bytea NOT NULL,
  details_key_id text NOT NULL,
  bank_name text NOT NULL,
  account_ending text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_at timestamptz(6) NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_at timestamptz(6),
  decision_reason text,
  UNIQUE (organisation_id, id),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  FOREIGN KEY (organisation_id, supplier_id) REFERENCES supplier (organisation_id, id),
  FOREIGN KEY (organisation_id, requested_by) REFERENCES app_user (organisation_id, id),
  FOREIGN KEY (organisation_id, decided_by) REFERENCES app_user (organisation_id, id)
);
-- One open request per supplier: a second would leave finance guessing which one the supplier meant.
CREATE UNIQUE INDEX bank_details_change_one_pending_idx ON bank_details_change (organisation_id, supplier_id)
  WHERE status = 'pending';
CREATE INDEX bank_details_change_status_idx ON bank_details_change (organisation_id, status, requested_at);

-- Down Migration
DROP TABLE bank_details_change;
DROP INDEX app_user_supplier_idx;
ALTER TABLE app_user DROP CONSTRAINT app_user_supplier_fkey;
ALTER TABLE app_user DROP COLUMN supplier_id;
