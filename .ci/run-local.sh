#!/usr/bin/env bash
# The run command: Azurite (disk-backed, in .azurite/) plus the function app under Azure Functions Core Tools.
# In Development the app creates its tables and seeds the demo consent labels at start-up.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v func >/dev/null 2>&1; then
  cat >&2 <<'MSG'
Azure Functions Core Tools ('func', version 4) is not installed, so the app cannot be hosted locally.
Install it, then run this command again:
  npm install --global azure-functions-core-tools@4
  (or see https://learn.microsoft.com/azure/azure-functions/functions-run-local)
The tests do not need it: bash .ci/test.sh
MSG
  exit 127
fi

[ -d node_modules/azurite ] || npm ci --no-audit --no-fund --loglevel=error

settings=src/Submissions.Functions/local.settings.json
if [ ! -f "$settings" ]; then
  cp local.settings.sample.json "$settings"
  echo "Created $settings from local.settings.sample.json"
elif grep -q 'Partners__[a-z0-9]*-' "$settings"; then
  # Partner setting names spell dashes as underscores now (App Service allows no '-' in setting names).
  echo "Note: $settings names a partner setting with a dash (Partners__demo-partner__...); the app reads" \
    "Partners__demo_partner__... now. Rename it, or delete the file to start again from local.settings.sample.json." >&2
fi

mkdir -p .azurite
node node_modules/azurite/dist/src/azurite.js --location .azurite --skipApiVersionCheck --disableTelemetry --silent \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
azurite_pid=$!
# Azurite ignores SIGTERM: stop the one we started, by PID, with SIGKILL.
trap 'kill -KILL "$azurite_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 50); do
  if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then break; fi
  if ! kill -0 "$azurite_pid" 2>/dev/null; then
    echo "Azurite exited; are ports 10000-10002 already in use?" >&2
    exit 1
  fi
  sleep 0.2
done

cd src/Submissions.Functions
func start
