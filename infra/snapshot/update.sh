#!/usr/bin/env bash
# Regenerates the deployment snapshots after a change to infra/: review their diff like code. The tests fail while a
# snapshot is stale (bicep snapshot --mode validate). The Bicep CLI comes from NuGet with the infrastructure tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
project=tests/Submissions.Infrastructure.Tests
dotnet restore "$project" >/dev/null
bicep=$(dotnet msbuild "$project" -getProperty:BicepPath)
for params in infra/snapshot/*.bicepparam; do
  "$bicep" snapshot "$params" --mode overwrite \
    --subscription-id 00000000-0000-0000-0000-000000000001 --tenant-id 00000000-0000-0000-0000-000000000002 \
    --location westeurope
done
