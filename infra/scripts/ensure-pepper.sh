#!/bin/sh
# azd postprovision hook: creates the subject-key pepper in Key Vault once. It never replaces an existing one: a new
# pepper makes every stored subject key, voter key and opt-out link unmatchable (docs/deploy.md, "Rotating the pepper").
# The value goes from openssl to Key Vault through a private temporary file: never an argument, a log line or an output.
set -eu

vault="${AZURE_KEY_VAULT_NAME:?AZURE_KEY_VAULT_NAME is not set: run through azd, after provisioning}"
name="subject-key-pepper"

# Listing fails loudly (set -e) when the vault cannot be read, so "not found" is never mistaken for "cannot tell".
# The deployer's Key Vault role may still be propagating right after provisioning: try for up to two minutes.
attempt=1
until count=$(az keyvault secret list --vault-name "$vault" --query "length([?name=='$name'])" --output tsv); do
  if [ "$attempt" -ge 8 ]; then
    echo "Could not list the secrets of $vault. Does the deployer hold Key Vault Secrets Officer (a person) or Key Vault Reader (a pipeline) on it?" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 15
done

if [ "$count" != "0" ]; then
  echo "$name already exists in $vault; left unchanged."
  exit 0
fi

umask 077
file=$(mktemp)
trap 'rm -f "$file"' EXIT
openssl rand -base64 48 | tr -d '\n' > "$file"
if ! az keyvault secret set --vault-name "$vault" --name "$name" --file "$file" --content-type "text/plain" --output none; then
  echo "Could not create $name in $vault. A pipeline identity may only check that it exists: run the first azd up as a person (Key Vault Secrets Officer), then let the pipeline deploy (docs/deploy.md, 'Deploying from GitHub Actions')." >&2
  exit 1
fi
echo "Created $name in $vault."

# An app that started before the secret existed refused to start (unresolved reference): restart it to resolve it now.
if [ -n "${AZURE_FUNCTION_APP_NAME:-}" ] && [ -n "${AZURE_RESOURCE_GROUP:-}" ]; then
  az functionapp restart --name "$AZURE_FUNCTION_APP_NAME" --resource-group "$AZURE_RESOURCE_GROUP" --output none
fi
