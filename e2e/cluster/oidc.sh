#!/usr/bin/env bash
# The test OpenID provider for `cluster.sh up --oidc`: ORY Hydra (built once by build-hydra.sh)
# with an in-memory database, serving HTTPS on 127.0.0.1 with a CA made here, and the harness's
# login-and-consent app (oidc-login.mjs). Writes, in DIR/oidc/:
#   authentication.yaml  the API server's structured authentication configuration (JWT
#                        authenticator trusting this issuer; usernames and groups prefixed "oidc:")
#   env                  WHEELHOUSE_TEST_OIDC_* lines for DIR/env
# Both processes run from DIR/oidc (symlinked binaries), so `cluster.sh down` stops them with the
# control plane.
#
#   oidc.sh DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: oidc.sh DIR}
o="$dir/oidc"
say() { printf '[cluster] %s\n' "$*" >&2; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

hydra=$(bash "$here/build-hydra.sh")
mkdir -p "$o"
ln -sf "$hydra" "$o/hydra"
ln -sf "$(command -v node)" "$o/node"

# A CA of its own and a serving certificate for 127.0.0.1: the API server only trusts an https issuer.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=wheelhouse test OIDC CA" \
  -keyout "$o/ca.key" -out "$o/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$o/tls.key" -out "$o/tls.csr" 2>/dev/null
openssl x509 -req -in "$o/tls.csr" -CA "$o/ca.crt" -CAkey "$o/ca.key" -CAcreateserial -days 2 \
  -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n') -out "$o/tls.crt" 2>/dev/null

public=$(free_port) admin=$(free_port) login=$(free_port)
issuer="https://127.0.0.1:$public"
cat >"$o/hydra.yaml" <<EOF
dsn: memory
log: {level: warn}
serve:
  public: {host: 127.0.0.1, port: $public}
  admin: {host: 127.0.0.1, port: $admin, tls: {enabled: false}}
  tls:
    enabled: true
    cert: {path: $o/tls.crt}
    key: {path: $o/tls.key}
urls:
  self: {issuer: $issuer}
  login: http://127.0.0.1:$login/login
  consent: http://127.0.0.1:$login/consent
  logout: http://127.0.0.1:$login/logout
secrets:
  system: ["$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"]
ttl:
  id_token: 1h
  access_token: 1h
oauth2:
  # Parallel requests of one page may all refresh with the same refresh token.
  grant: {refresh_token: {rotation_grace_period: 5m}}
EOF

t=$(date +%s)
# --sqa-opt-out: no usage reports (the network here reaches only package registries anyway).
"$o/hydra" serve all --sqa-opt-out --config "$o/hydra.yaml" >"$o/hydra.log" 2>&1 &
hpid=$!
"$o/node" "$here/oidc-login.mjs" "$login" "http://127.0.0.1:$admin" >"$o/login.log" 2>&1 &
lpid=$!
ready() { curl -sf --cacert "$o/ca.crt" "$issuer/health/ready" && curl -sf "http://127.0.0.1:$login/healthz"; }
# Its migrations (in-memory SQLite) take a while on a busy machine.
for _ in $(seq 900); do
  ready >/dev/null 2>&1 && break
  kill -0 $hpid 2>/dev/null && kill -0 $lpid 2>/dev/null || break
  sleep 0.2
done
ready >/dev/null 2>&1 || {
  say "the OpenID provider did not become ready; tail of its logs:"
  tail -n 20 "$o/hydra.log" "$o/login.log" >&2
  exit 1
}

# The dashboard's client: confidential (secret) and PKCE. Redirect URIs are added by each test for
# its own dashboard's port (PATCH), so only the id is fixed: it is the API server's audience.
secret=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
curl -sf -X POST "http://127.0.0.1:$admin/admin/clients" -H 'Content-Type: application/json' -d @- >/dev/null <<EOF ||
{"client_id": "wheelhouse", "client_name": "Wheelhouse", "client_secret": "$secret",
 "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
 "scope": "openid offline_access profile email groups", "token_endpoint_auth_method": "client_secret_basic",
 "redirect_uris": [], "post_logout_redirect_uris": []}
EOF
  { say "could not register the Wheelhouse client with Hydra"; exit 1; }

# Indented PEM for the YAML block scalar.
ca_block=$(sed 's/^/        /' "$o/ca.crt")
cat >"$o/authentication.yaml" <<EOF
apiVersion: apiserver.config.k8s.io/v1
kind: AuthenticationConfiguration
jwt:
  - issuer:
      url: $issuer
      audiences: [wheelhouse]
      certificateAuthority: |
$ca_block
    claimMappings:
      username: {claim: sub, prefix: "oidc:"}
      groups: {claim: groups, prefix: "oidc:"}
EOF

cat >"$o/env" <<EOF
WHEELHOUSE_TEST_OIDC_ISSUER=$issuer
WHEELHOUSE_TEST_OIDC_ADMIN=http://127.0.0.1:$admin
WHEELHOUSE_TEST_OIDC_CA_FILE=$o/ca.crt
WHEELHOUSE_TEST_OIDC_CLIENT_ID=wheelhouse
WHEELHOUSE_TEST_OIDC_CLIENT_SECRET=$secret
EOF
say "OpenID provider (Hydra) ready at $issuer in $(( $(date +%s) - t ))s"
