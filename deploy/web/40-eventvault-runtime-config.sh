#!/bin/sh
# Runs from nginx's /docker-entrypoint.d/ before nginx starts. Writes
#   /usr/share/nginx/html/config.json              what the Angular app reads at start (core/config/runtime-config.ts)
#   /etc/nginx/eventvault/listen.conf              the port, from WEB_PORT
#   /etc/nginx/eventvault/security-headers.conf    headers; the CSP allows the API and Keycloak, and of inline
#                                                  code only what the build hashed (inline-script-hashes.txt)
# from the environment under the names of .env.example. Stops the container when one is missing.
set -eu

missing=''
for name in API_URL KEYCLOAK_URL KEYCLOAK_REALM WEB_CLIENT_ID TEMPORAL_UI_URL WEB_PORT; do
  eval "value=\${$name:-}"
  [ -n "$value" ] || missing="$missing $name"
done
if [ -n "$missing" ]; then
  echo "eventvault: missing environment variables:$missing" >&2
  exit 1
fi
case "$WEB_PORT" in
  *[!0-9]*) echo "eventvault: WEB_PORT must be a port number, got '$WEB_PORT'" >&2; exit 1 ;;
esac

# A JSON string literal: backslashes and double quotes escaped (the values are URLs and identifiers).
json_string() {
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

# Scheme, host and port of a URL: what a CSP source expression needs.
origin_of() {
  printf '%s' "$1" | sed -E 's#^([a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+).*#\1#'
}

api_origin=$(origin_of "$API_URL")
keycloak_origin=$(origin_of "$KEYCLOAK_URL")
# Presigned document links point at object storage: previews load from there in an img or iframe.
documents_origin=$(origin_of "${S3_ENDPOINT:-http://127.0.0.1:7070}")
# GraphQL subscriptions use a WebSocket to the same host as the API.
api_socket_origin=$(printf '%s' "$api_origin" | sed -e 's#^https://#wss://#' -e 's#^http://#ws://#')

config=/usr/share/nginx/html/config.json
cat > "$config" <<JSON
{
  "apiUrl": $(json_string "$API_URL"),
  "keycloakUrl": $(json_string "$KEYCLOAK_URL"),
  "realm": $(json_string "$KEYCLOAK_REALM"),
  "clientId": $(json_string "$WEB_CLIENT_ID"),
  "temporalUiUrl": $(json_string "$TEMPORAL_UI_URL")
}
JSON
chmod 644 "$config"

mkdir -p /etc/nginx/eventvault
printf 'listen %s;\n' "$WEB_PORT" > /etc/nginx/eventvault/listen.conf

# Hashes of the build's own inline scripts and handlers, written by deploy/web.Dockerfile.
script_hashes=''
if [ -f /etc/nginx/eventvault/inline-script-hashes.txt ]; then
  script_hashes=" $(cat /etc/nginx/eventvault/inline-script-hashes.txt)"
fi

# frame-src/frame-ancestors 'self': keycloak-js loads silent-check-sso.html from this origin in an iframe.
csp="default-src 'self'; script-src 'self'$script_hashes; style-src 'self' 'unsafe-inline'"
csp="$csp; img-src 'self' data: blob: $documents_origin; font-src 'self' data:"
csp="$csp; connect-src 'self' $api_origin $api_socket_origin $keycloak_origin"
csp="$csp; frame-src 'self' $keycloak_origin $documents_origin; frame-ancestors 'self'; base-uri 'self'"
csp="$csp; form-action 'self' $keycloak_origin; object-src 'none'; worker-src 'self'; manifest-src 'self'"
cat > /etc/nginx/eventvault/security-headers.conf <<CONF
add_header Content-Security-Policy "$csp" always;
add_header X-Content-Type-Options "nosniff" always;
add_header X-Frame-Options "SAMEORIGIN" always;
add_header Referrer-Policy "strict-origin-when-cross-origin" always;
add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
CONF

echo "eventvault: config.json written (API $API_URL, Keycloak $KEYCLOAK_URL, realm $KEYCLOAK_REALM)"
