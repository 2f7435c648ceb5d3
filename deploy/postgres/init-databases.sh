#!/bin/bash
# Runs once, when the postgres container initialises an empty data directory (/docker-entrypoint-initdb.d).
# One role and database per component, so a leaked credential opens one store only:
#   eventvault -> eventvault (the API and the worker)
#   temporal   -> temporal, temporal_visibility (Temporal's persistence and visibility stores)
#   keycloak   -> keycloak
# Passwords come from the environment (docker-compose.yml passes them from .env) and reach SQL as psql
# variables (:'name'), so quotes in a password cannot break out of the literal.
set -euo pipefail

: "${EVENTVAULT_DB_PASSWORD:?EVENTVAULT_DB_PASSWORD is required}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is required}"
: "${KEYCLOAK_DB_PASSWORD:?KEYCLOAK_DB_PASSWORD is required}"

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
  -v eventvault_password="$EVENTVAULT_DB_PASSWORD" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v keycloak_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE eventvault LOGIN PASSWORD :'eventvault_password';
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';

CREATE DATABASE eventvault OWNER eventvault ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE temporal OWNER temporal ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE temporal_visibility OWNER temporal ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE keycloak OWNER keycloak ENCODING 'UTF8' TEMPLATE template0;

-- Nobody but the owner (and the superuser) may connect to a component's database.
REVOKE ALL ON DATABASE eventvault, temporal, temporal_visibility, keycloak FROM PUBLIC;
SQL
