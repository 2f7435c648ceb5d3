#!/bin/sh
# One-shot job (temporalio/admin-tools): once the Temporal server answers, makes sure every namespace in
# TEMPORAL_NAMESPACES exists and carries every search attribute in TEMPORAL_SEARCH_ATTRIBUTES (Name=Type pairs).
# docker-compose.yml sets both lists to what temporal-config/dev-server.json gives the dev server; a unit test
# (deploy/compose.spec.ts) keeps them equal. Idempotent: existing namespaces and attributes are left alone.
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required}"
: "${TEMPORAL_NAMESPACES:?TEMPORAL_NAMESPACES is required}"
: "${TEMPORAL_SEARCH_ATTRIBUTES:?TEMPORAL_SEARCH_ATTRIBUTES is required}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-2160h}"
max_attempts="${TEMPORAL_SETUP_MAX_ATTEMPTS:-60}"

# Runs a command until it succeeds, at most max_attempts times, 3 s apart.
retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge "$max_attempts" ]; then
      echo "Giving up after $attempt attempts: $*" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep 3
  done
}

echo "Waiting for the Temporal server at $TEMPORAL_ADDRESS..."
retry temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null

ensure_namespace() {
  if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$1" >/dev/null 2>&1; then
    echo "Namespace '$1' exists."
  else
    temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$1" --retention "$retention" ||
      return 1
    echo "Namespace '$1' created (retention $retention)."
  fi
}

seen=' '
for namespace in $TEMPORAL_NAMESPACES; do
  case "$seen" in *" $namespace "*) continue ;; esac
  seen="$seen$namespace "
  retry ensure_namespace "$namespace"
  for attribute in $TEMPORAL_SEARCH_ATTRIBUTES; do
    name=${attribute%%=*}
    type=${attribute#*=}
    # Adding an attribute that already exists under the same name is a no-op on SQL visibility.
    retry temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$namespace" \
      --name "$name" --type "$type" >/dev/null
    echo "Search attribute $name ($type) registered in '$namespace'."
  done
done

echo 'Temporal namespaces and search attributes are in place.'
