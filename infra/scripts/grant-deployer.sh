#!/bin/sh
# Run once, by an Owner of the subscription, to give the GitHub pipeline's identity exactly what deploy.yml needs and
# nothing that lets it take the subscription over (docs/deploy.md, "Deploying from GitHub Actions"):
#   - Contributor on the subscription: create the resource group and its resources;
#   - Role Based Access Control Administrator on the subscription, under a condition: it may assign (and remove) only
#     the roles infra/app/rbac.bicep assigns, read from that file here, and never to itself — so it cannot make itself
#     Owner, grant itself a data role, or give anyone a role the template does not;
#   - a custom role with only Microsoft.Authorization/locks/read and /write: create the data account's lock, never
#     remove it.
# Usage: sh infra/scripts/grant-deployer.sh <pipeline object id> [subscription id]
set -eu

assignee="${1:?usage: grant-deployer.sh <pipeline object id> [subscription id]}"
subscription="${2:-$(az account show --query id --output tsv)}"
scope="/subscriptions/$subscription"
here=$(dirname "$0")

# The role definition ids of rbac.bicep's `roles` block: the only roles the pipeline may hand out.
roles=$(sed -n "/^var roles = {/,/^}/p" "$here/../app/rbac.bicep" | grep -o "'[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}'" | tr -d "'" | sort -u | paste -sd, -)
if [ -z "$roles" ]; then
  echo "No role ids found in infra/app/rbac.bicep; nothing granted." >&2
  exit 1
fi

condition="((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {$roles} AND @Request[Microsoft.Authorization/roleAssignments:PrincipalId] ForAnyOfAllValues:GuidNotEquals {$assignee})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {$roles}))"

az role assignment create --assignee-object-id "$assignee" --assignee-principal-type ServicePrincipal \
  --role Contributor --scope "$scope" --output none
az role assignment create --assignee-object-id "$assignee" --assignee-principal-type ServicePrincipal \
  --role "Role Based Access Control Administrator" --scope "$scope" \
  --condition "$condition" --condition-version "2.0" --output none

lock_role="Submissions lock writer"
if [ -z "$(az role definition list --custom-role-only true --name "$lock_role" --scope "$scope" --query "[].id" --output tsv)" ]; then
  definition="{\"Name\": \"$lock_role\", \"IsCustom\": true, \"Description\": \"Create and read resource locks (the data account lock of Submissions.Functions); never remove one.\", \"Actions\": [\"Microsoft.Authorization/locks/read\", \"Microsoft.Authorization/locks/write\"], \"AssignableScopes\": [\"$scope\"]}"
  az role definition create --output none --role-definition "$definition"
fi
az role assignment create --assignee-object-id "$assignee" --assignee-principal-type ServicePrincipal \
  --role "$lock_role" --scope "$scope" --output none

echo "Granted the pipeline identity $assignee: Contributor, Role Based Access Control Administrator limited to rbac.bicep's roles and never itself, and $lock_role."
