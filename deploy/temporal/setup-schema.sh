#!/bin/sh
# One-shot job (temporalio/admin-tools): creates or upgrades Temporal's schemas in the `temporal` and
# `temporal_visibility` databases. Safe to run on every `docker compose up`: setup-schema only writes the version
# tables when they are missing, and update-schema applies only the versions not yet applied.
# The databases themselves are created by deploy/postgres/init-databases.sh (or by the operator of a managed
# PostgreSQL); this job never needs the CREATEDB privilege.
# Connection settings come from temporal-sql-tool's own variables: SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD.
set -eu

: "${SQL_HOST:?SQL_HOST is required}"
: "${SQL_USER:?SQL_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
export SQL_PLUGIN="${SQL_PLUGIN:-postgres12}"
export SQL_PORT="${SQL_PORT:-5432}"

schema_root=/etc/temporal/schema/postgresql/v12

echo "Waiting for PostgreSQL at ${SQL_HOST}:${SQL_PORT}..."
attempt=1
until nc -z -w 5 "$SQL_HOST" "$SQL_PORT"; do
  if [ "$attempt" -ge 30 ]; then
    echo "PostgreSQL did not accept connections after $attempt attempts" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 2
done

for store in temporal:temporal temporal_visibility:visibility; do
  database=${store%%:*}
  schema=${store#*:}
  echo "Schema of database '$database' ($schema)..."
  temporal-sql-tool --db "$database" setup-schema -v 0.0
  temporal-sql-tool --db "$database" update-schema -d "$schema_root/$schema/versioned"
done

echo 'Temporal schemas are up to date.'
