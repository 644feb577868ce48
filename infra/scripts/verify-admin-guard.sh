#!/bin/sh
# azd postdeploy hook: proves on the deployed app that a function key plus a forged X-MS-CLIENT-PRINCIPAL holding the
# admin role — and no token — does not open /api/manage/*. The app trusts that header only because App Service
# Authentication sets it and strips any copy a client sends; if the platform did not, a leaked function key would make
# its holder an admin. Anything but 401 or 403 fails the deployment, loudly.
# The key goes from az to curl through a private temporary file: never an argument, a log line or an output.
set -eu

app="${AZURE_FUNCTION_APP_NAME:?AZURE_FUNCTION_APP_NAME is not set: run through azd, after provisioning}"
group="${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set: run through azd, after provisioning}"
uri="${SERVICE_API_URI:?SERVICE_API_URI is not set: run through azd, after provisioning}"
tenant="${AZURE_TENANT_ID:-00000000-0000-0000-0000-000000000000}"

umask 077
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

key=$(az functionapp keys list --name "$app" --resource-group "$group" --query functionKeys.default --output tsv)
forged=$(printf '{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"roles","val":"Submissions.Admin"},{"typ":"http://schemas.microsoft.com/identity/claims/tenantid","val":"%s"},{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"00000000-0000-0000-0000-0000000f0a9e"}]}' "$tenant" | base64 | tr -d '\n')
printf 'x-functions-key: %s\nx-ms-client-principal: %s\nx-ms-client-principal-idp: aad\n' "$key" "$forged" > "$dir/headers"

# The host may still be starting after a deployment: a few tries for an answer at all.
attempt=1
until status=$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 30 --header @"$dir/headers" "$uri/api/manage/stats") \
  && [ "$status" != "000" ] && [ "$status" != "502" ] && [ "$status" != "503" ]; do
  if [ "$attempt" -ge 10 ]; then
    echo "The app at $uri did not answer (last status ${status:-none}); the admin guard is unverified." >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 15
done

case "$status" in
  401 | 403)
    echo "Admin guard holds: a function key with a forged admin principal and no token gets $status."
    ;;
  *)
    echo "A function key with a forged admin principal and no token got $status from /api/manage/stats: App Service Authentication is not protecting the principal header. Rotate the function keys and see docs/deploy.md, 'The admin guard'." >&2
    exit 1
    ;;
esac
