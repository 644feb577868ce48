#!/bin/sh
# azd postdeploy hook: proves on the deployed app that the admin guard holds both ways.
# 1. A function key plus a forged X-MS-CLIENT-PRINCIPAL holding the admin role — and no token — does not open
#    /api/manage/*. The app trusts that header only because App Service Authentication sets it and strips any copy a
#    client sends; if the platform did not, a leaked function key would make its holder an admin. Anything but 401 or
#    403 fails the deployment, loudly.
# 2. With an admin app registration (ADMIN_APP_CLIENT_ID), a real token of the signed-in identity, which must hold the
#    admin role, plus the function key gets in (200), and the same token without the key does not (401). This proves
#    the registration's token version and audience are the ones App Service Authentication accepts
#    (docs/deploy.md, "The admin app registration"). ADMIN_SIGNIN_CHECK=skip skips this half only, loudly.
# The key and the token go to curl through a private temporary file: never an argument, a log line or an output.
set -eu

app="${AZURE_FUNCTION_APP_NAME:?AZURE_FUNCTION_APP_NAME is not set: run through azd, after provisioning}"
group="${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set: run through azd, after provisioning}"
uri="${SERVICE_API_URI:?SERVICE_API_URI is not set: run through azd, after provisioning}"
tenant="${AZURE_TENANT_ID:-00000000-0000-0000-0000-000000000000}"
admin_app="${ADMIN_APP_CLIENT_ID:-}"
role="Submissions.Admin"

umask 077
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# dash runs the EXIT trap on a signal only if the signal makes the script exit through it.
trap 'exit 1' INT TERM HUP

# The status of a GET of $1 with the headers in file $2; 000 when curl got no answer at all.
status_of() {
  curl --silent --output /dev/null --write-out '%{http_code}' --max-time 30 --header @"$2" "$uri/api/$1" || printf '000'
}

# The first real answer to it: the host may still be starting after a deployment (000, 502, 503), so a few tries.
answer_of() {
  attempt=1
  while :; do
    answer=$(status_of "$1" "$2")
    case "$answer" in
      000* | 502 | 503) ;;
      *) printf '%s' "$answer"; return 0 ;;
    esac
    if [ "$attempt" -ge 10 ]; then
      echo "The app at $uri did not answer /api/$1 (last status $answer); the admin guard is unverified." >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep 15
  done
}

key=$(az functionapp keys list --name "$app" --resource-group "$group" --query functionKeys.default --output tsv)
if [ -z "$key" ]; then
  echo "The app has no default function key to test with; the admin guard is unverified." >&2
  exit 1
fi
forged=$(printf '{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"roles","val":"%s"},{"typ":"http://schemas.microsoft.com/identity/claims/tenantid","val":"%s"},{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"00000000-0000-0000-0000-0000000f0a9e"}]}' "$role" "$tenant" | base64 | tr -d '\n')
printf 'x-functions-key: %s\nx-ms-client-principal: %s\nx-ms-client-principal-idp: aad\n' "$key" "$forged" > "$dir/forged"

status=$(answer_of manage/stats "$dir/forged")

case "$status" in
  401 | 403)
    echo "Admin guard holds: a function key with a forged admin principal and no token gets $status."
    ;;
  *)
    echo "A function key with a forged admin principal and no token got $status from /api/manage/stats: App Service Authentication is not protecting the principal header. Rotate the function keys and see docs/deploy.md, 'The admin guard'." >&2
    exit 1
    ;;
esac

if [ -z "$admin_app" ]; then
  echo "No admin app registration (ADMIN_APP_CLIENT_ID): authentication is off and the manage API stays closed to everyone."
  exit 0
fi
if [ "${ADMIN_SIGNIN_CHECK:-}" = "skip" ]; then
  echo "WARNING: ADMIN_SIGNIN_CHECK=skip: that an admin with the role can sign in is NOT verified." >&2
  exit 0
fi

if ! token=$(az account get-access-token --scope "api://$admin_app/.default" --query accessToken --output tsv) || [ -z "$token" ]; then
  echo "No token for api://$admin_app could be had for the signed-in identity: pre-authorize the Azure CLI for the API's scope (docs/deploy.md, 'The admin app registration')." >&2
  exit 1
fi

# The token's claims (its middle part, base64url), read for the version and the role only; never printed.
claims=$(printf '%s' "$token" | cut -d. -f2 | tr '_-' '/+')
case $(( ${#claims} % 4 )) in
  2) claims="$claims==" ;;
  3) claims="$claims=" ;;
esac
claims=$(printf '%s' "$claims" | base64 -d 2>/dev/null | tr -d ' \n') || claims=""
if ! printf '%s' "$claims" | grep -q '"ver":"2.0"'; then
  echo "The API's tokens are not version 2.0, so App Service Authentication (issuer .../v2.0) refuses them: set api.requestedAccessTokenVersion to 2 on the app registration (docs/deploy.md)." >&2
  exit 1
fi
if ! printf '%s' "$claims" | grep -q "\"roles\":\[[^]]*\"$role\""; then
  echo "The signed-in identity does not hold the app role $role, so the sign-in cannot be proven: assign it (docs/deploy.md, 'Giving someone the admin role'), or set ADMIN_SIGNIN_CHECK=skip to deploy without this proof." >&2
  exit 1
fi

printf 'x-functions-key: %s\nauthorization: Bearer %s\n' "$key" "$token" > "$dir/admin"
printf 'authorization: Bearer %s\n' "$token" > "$dir/token-only"
admin_status=$(answer_of "manage/partners?pageSize=1" "$dir/admin")
if [ "$admin_status" != "200" ]; then
  echo "A real admin token with the role and the function key got $admin_status from /api/manage/partners: check the registration's audience (api://$admin_app) and token version against docs/deploy.md." >&2
  exit 1
fi
token_only_status=$(answer_of "manage/partners?pageSize=1" "$dir/token-only")
if [ "$token_only_status" != "401" ]; then
  echo "A real admin token without the function key got $token_only_status from /api/manage/partners, not 401: the function key is not being enforced." >&2
  exit 1
fi
echo "Admin sign-in works as deployed: a real token with $role and the function key gets 200; the token alone gets 401."
