#!/bin/sh
# azd postprovision hook: creates the subject-key pepper in Key Vault once. It never replaces an existing one: a new
# pepper makes every stored subject key, voter key and opt-out link unmatchable (docs/deploy.md, "Rotating the pepper").
# The value goes from openssl to Key Vault through a private temporary file: never an argument, a log line or an output.
set -eu

vault="${AZURE_KEY_VAULT_NAME:?AZURE_KEY_VAULT_NAME is not set: run through azd, after provisioning}"
name="subject-key-pepper"

umask 077
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
trap 'exit 1' INT TERM HUP

# Whether the pepper exists is asked of Resource Manager, not of the vault: that needs no role on the vault's data (a
# pipeline holds none), passes its firewall in the private variant, and never returns a value. Only a clear "not
# found" counts as absent; any other failure stops without writing, so "cannot tell" is never taken for "absent".
vault_id=$(az keyvault show --name "$vault" --query id --output tsv)
attempt=1
while :; do
  if az rest --method get --url "https://management.azure.com$vault_id/secrets/$name?api-version=2023-07-01" \
    --query name --output tsv > /dev/null 2> "$dir/error"; then
    count=1
    break
  fi
  if grep -q -e 'SecretNotFound' -e 'ResourceNotFound' -e 'Not Found' "$dir/error"; then
    count=0
    break
  fi
  if [ "$attempt" -ge 8 ]; then
    echo "Could not tell whether $vault holds $name (Resource Manager refused or failed); nothing written." >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 15
done

if [ "$count" != "0" ]; then
  echo "$name already exists in $vault; left unchanged."
  exit 0
fi

file="$dir/pepper"
openssl rand -base64 48 | tr -d '\n' > "$file"
if [ "${AZURE_PRINCIPAL_TYPE:-User}" = "ServicePrincipal" ]; then
  echo "$vault has no $name, and a pipeline identity may not create it: run the first azd up of this environment as a person (docs/deploy.md, 'Deploying from GitHub Actions'), then let the pipeline deploy." >&2
  exit 1
fi
# The person's Key Vault Secrets Officer role was assigned moments ago and may still be propagating: a few tries.
attempt=1
until az keyvault secret set --vault-name "$vault" --name "$name" --file "$file" --content-type "text/plain" --output none; do
  if [ "$attempt" -ge 8 ]; then
    echo "Could not create $name in $vault. Does the deployer hold Key Vault Secrets Officer on it (and, in the private variant, is DEPLOYER_IP_ADDRESS this machine's address)?" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 15
done
echo "Created $name in $vault."

# An app that started before the secret existed refused to start (unresolved reference): restart it to resolve it now.
if [ -n "${AZURE_FUNCTION_APP_NAME:-}" ] && [ -n "${AZURE_RESOURCE_GROUP:-}" ]; then
  az functionapp restart --name "$AZURE_FUNCTION_APP_NAME" --resource-group "$AZURE_RESOURCE_GROUP" --output none
fi
