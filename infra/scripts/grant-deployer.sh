#!/bin/sh
# Run once per environment, by an Owner of the subscription, to give the GitHub pipeline's identity what deploy.yml
# needs and nothing that lets it take the subscription over (docs/deploy.md, "Deploying from GitHub Actions"):
#   - the environment's resource group, rg-{environment}, created here, and on it alone:
#     - Contributor: create and update the resources the template declares;
#     - Role Based Access Control Administrator under a condition: it may assign (and remove) only the app identity's
#       roles — the `roles` block of infra/app/rbac.bicep, read from that file here — only to service principals, and
#       never to itself; so it can make nobody Owner, give itself no data role, and never grant Key Vault Secrets Officer;
#     - "Submissions lock writer {subscription}" (custom): create and read resource locks, never remove one;
#   - on the subscription, "Submissions deployment runner {subscription}" (custom): run and read deployments and read
#     resource groups — no right on any resource outside the group (but it sees other groups' deployment history).
# Running it again refreshes the condition from rbac.bicep.
# Usage: sh infra/scripts/grant-deployer.sh <pipeline object id> <azd environment name> <location> [subscription id]
set -eu

usage="usage: grant-deployer.sh <pipeline object id> <azd environment name> <location> [subscription id]"
assignee="${1:?$usage}"
environment="${2:?$usage}"
location="${3:?$usage}"
subscription="${4:-$(az account show --query id --output tsv)}"
if ! printf '%s' "$assignee" | grep -Eqx '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'; then
  echo "The pipeline's object id must be a GUID; nothing granted." >&2
  exit 1
fi
here=$(dirname "$0")
subscription_scope="/subscriptions/$subscription"
group="rg-$environment"
group_scope="$subscription_scope/resourceGroups/$group"

# The app identity's role definition ids: the only roles the pipeline may hand out.
roles=$(sed -n "/^var roles = {/,/^}/p" "$here/../app/rbac.bicep" | grep -o "'[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}'" | tr -d "'" | sort -u | paste -sd, -)
if [ -z "$roles" ]; then
  echo "No role ids found in infra/app/rbac.bicep; nothing granted." >&2
  exit 1
fi

condition="((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {$roles} AND @Request[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'ServicePrincipal'} AND @Request[Microsoft.Authorization/roleAssignments:PrincipalId] ForAnyOfAllValues:GuidNotEquals {$assignee})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {$roles}))"

# A custom role, defined once per subscription (custom role names are unique in the tenant: the name carries the
# subscription id).
define_role() {
  if [ -z "$(az role definition list --custom-role-only true --name "$1" --scope "$subscription_scope" --query "[].id" --output tsv)" ]; then
    az role definition create --output none --role-definition "{\"Name\": \"$1\", \"IsCustom\": true, \"Description\": \"$2\", \"Actions\": [$3], \"AssignableScopes\": [\"$subscription_scope\"]}"
  fi
}

# An assignment, tried again while a role just defined is still propagating.
assign() {
  attempt=1
  until az role assignment create --assignee-object-id "$assignee" --assignee-principal-type ServicePrincipal "$@" --output none; do
    if [ "$attempt" -ge 6 ]; then
      echo "Could not assign $* to $assignee." >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep 10
  done
}

az group create --name "$group" --location "$location" --tags "azd-env-name=$environment" --output none
runner_role="Submissions deployment runner $subscription"
lock_role="Submissions lock writer $subscription"
define_role "$runner_role" "Run subscription-scope deployments and read resource groups (Submissions.Functions' pipeline)." \
  "\"Microsoft.Resources/deployments/*\", \"Microsoft.Resources/subscriptions/read\", \"Microsoft.Resources/subscriptions/resourceGroups/read\""
define_role "$lock_role" "Create and read resource locks (the data account lock of Submissions.Functions); never remove one." \
  "\"Microsoft.Authorization/locks/read\", \"Microsoft.Authorization/locks/write\""

assign --role "$runner_role" --scope "$subscription_scope"
assign --role Contributor --scope "$group_scope"
# az answers an existing assignment with success and keeps its old condition: on a re-run remove it first (by id, so
# that "nothing to delete" is never an error), then make it again with the condition read now. Re-run while no
# deployment runs: between the two the pipeline cannot assign roles.
existing=$(az role assignment list --assignee "$assignee" --role "Role Based Access Control Administrator" --scope "$group_scope" --query "[].id" --output tsv)
if [ -n "$existing" ]; then
  # shellcheck disable=SC2086 # one id per line: each its own argument
  az role assignment delete --ids $existing --output none
fi
assign --role "Role Based Access Control Administrator" --scope "$group_scope" --condition "$condition" --condition-version "2.0"
assign --role "$lock_role" --scope "$group_scope"

echo "Granted the pipeline identity $assignee: on $group, Contributor, Role Based Access Control Administrator limited to the app identity's roles and never itself, and $lock_role; on the subscription, $runner_role."
