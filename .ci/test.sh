#!/usr/bin/env bash
# The test command: installs what the tests need (Azurite and the kit's tools from npm, Debian's Chromium, NuGet
# packages and the local dotnet tools), builds, runs every test project against a real Azurite that the tests start themselves, and prints
# "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund --loglevel=error

# The browser tests drive Debian's Chromium through Playwright (no browser download): install it when missing.
if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  sudo_if_needed=""
  [ "$(id -u)" -eq 0 ] || sudo_if_needed="sudo"
  $sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq chromium >/dev/null
fi

# The Python receiver sample's check runs with the standard library only; Debian's python3 when missing.
if ! command -v python3 >/dev/null 2>&1; then
  sudo_if_needed=""
  [ "$(id -u)" -eq 0 ] || sudo_if_needed="sudo"
  $sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq python3 >/dev/null
fi

dotnet restore Submissions.Functions.sln
# smtp4dev, the local tool the run command starts (its test runs it): from NuGet, like every package.
dotnet tool restore
dotnet build Submissions.Functions.sln --no-restore -c Release

results="TestResults"
rm -rf "$results"
status=0
dotnet test Submissions.Functions.sln --no-build -c Release \
  --results-directory "$results" --logger "trx" --logger "console;verbosity=minimal" || status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No tests ran." >&2
  status=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
