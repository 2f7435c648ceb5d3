-- Up Migration
CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  legal_name text NOT NULL CHECK (length(trim(legal_name)) > 0),
  base_currency char(3) NOT NULL CHECK (base_currency ~ '^[A-Z]{3}$'),
  fiscal_year_start_month smallint NOT NULL DEFAULT 3 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
  created_at timestamptz(6) NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  keycloak_subject text UNIQUE,
  username text NOT NULL,
  display_name text NOT NULL,
  email text NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, username)
);
CREATE INDEX app_user_organisation_idx ON app_user (organisation_id);

-- Down Migration
DROP TABLE app_user;
DROP TABLE organisation;
