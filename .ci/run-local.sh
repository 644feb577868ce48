#!/usr/bin/env bash
# The run command: the whole local world on loopback, each process stopped by its PID on Ctrl-C —
#   Azurite (data kept in .azurite/), the function app with the demo seed (under `func start` when Azure Functions Core
#   Tools are installed, otherwise the project's local host, tools/Submissions.LocalHost), the reference partner receiver
#   with the demo partner's secret, the example site, and smtp4dev (the local dotnet tool Rnwood.Smtp4dev, restored
#   from NuGet by `dotnet tool restore`), which receives every mail the app sends and shows it on its web page.
#   docs/local-development.md explains each part.
# Ports and folders can be moved with environment variables (the smoke test does): APP_PORT (7071), SITE_PORT (3000),
# RECEIVER_PORT (5089), AZURITE_BLOB_PORT/AZURITE_QUEUE_PORT/AZURITE_TABLE_PORT (10000-10002), AZURITE_LOCATION
# (.azurite), HOST_KEYS_FILE (.local/host-keys.json), SMTP_PORT (2525) and SMTP_WEB_PORT (5080) for smtp4dev, its
# folder SMTP4DEV_DATA (.local/smtp4dev); SUBMISSIONS_HOST=local|func (default: func when installed);
# CONFIGURATION (Debug); SKIP_BUILD=1 uses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
: "${APP_PORT:=7071}" "${SITE_PORT:=3000}" "${RECEIVER_PORT:=5089}"
: "${AZURITE_BLOB_PORT:=10000}" "${AZURITE_QUEUE_PORT:=10001}" "${AZURITE_TABLE_PORT:=10002}"
: "${AZURITE_LOCATION:=.azurite}" "${HOST_KEYS_FILE:=.local/host-keys.json}"
: "${SMTP_PORT:=2525}" "${SMTP_WEB_PORT:=5080}" "${SMTP4DEV_DATA:=.local/smtp4dev}"
: "${CONFIGURATION:=Debug}" "${SKIP_BUILD:=0}"
if [ -z "${SUBMISSIONS_HOST:-}" ]; then
  if command -v func >/dev/null 2>&1; then SUBMISSIONS_HOST=func; else SUBMISSIONS_HOST=local; fi
fi

pids=()
names=()
stop_all() {
  trap - INT TERM EXIT
  echo
  for index in "${!pids[@]}"; do
    pid=${pids[$index]}
    kill -0 "$pid" 2>/dev/null || continue
    # Azurite ignores SIGTERM (platform notes): SIGKILL for it, SIGTERM for the rest, SIGKILL if they linger.
    if [ "${names[$index]}" = azurite ]; then kill -KILL "$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for index in "${!pids[@]}"; do
    pid=${pids[$index]}
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    echo "Stopped ${names[$index]} (pid $pid)"
  done
}
trap stop_all EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

start() { # name, command...
  local name=$1
  shift
  "$@" &
  pids+=("$!")
  names+=("$name")
  echo "Started $name (pid $!)"
}
last_pid() { echo "${pids[${#pids[@]}-1]}"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() { # name, port, pid
  for _ in $(seq 1 300); do
    if listening "$2"; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "$1 exited before listening on port $2; is the port in use?" >&2; exit 1; fi
    sleep 0.2
  done
  echo "$1 did not listen on port $2 within 60 s" >&2
  exit 1
}

command -v curl >/dev/null 2>&1 || { echo "curl is needed (to wait for the app); install it first." >&2; exit 1; }
# Something already listening (an earlier run, func start in another terminal) would answer in our place.
for port in "$APP_PORT" "$SITE_PORT" "$RECEIVER_PORT" "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT" \
  "$SMTP_PORT" "$SMTP_WEB_PORT"; do
  if listening "$port"; then
    echo "Port $port on 127.0.0.1 is already in use; stop what listens there, or move this run (see the top of $0)." >&2
    exit 1
  fi
done

if [ ! -d node_modules/azurite ] || [ ! -d node_modules/esbuild ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

settings=src/Submissions.Functions/local.settings.json
if [ ! -f "$settings" ]; then
  cp local.settings.sample.json "$settings"
  echo "Created $settings from local.settings.sample.json"
fi
setting() { node -e 'const s = require(process.argv[1]); process.stdout.write((s.Values || {})[process.argv[2]] || "")' "$PWD/$settings" "$1"; }

# An up-to-date `dotnet build` of the function app still costs ~15 s (the worker SDK's steps): skip it when no source
# is newer than the last build's output.
host_dll="tools/Submissions.LocalHost/bin/$CONFIGURATION/net10.0/Submissions.LocalHost.dll"
receiver_dll="samples/PartnerReceiver/bin/$CONFIGURATION/net10.0/PartnerReceiver.dll"
stale() {
  [ -f "$1" ] || return 0
  [ -n "$(find src tools samples/PartnerReceiver host.json Directory.Build.props Directory.Packages.props global.json \
    \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$1" -print 2>/dev/null | head -n 1)" ]
}
if [ "$SKIP_BUILD" != 1 ]; then
  if stale "$host_dll"; then dotnet build tools/Submissions.LocalHost -c "$CONFIGURATION" -v quiet -nologo; fi
  if stale "$receiver_dll"; then dotnet build samples/PartnerReceiver -c "$CONFIGURATION" -v quiet -nologo; fi
fi
npm run --silent build:kit
# smtp4dev is a local tool (.config/dotnet-tools.json): restored from NuGet like any package, from the cache once there.
dotnet tool restore -v q >/dev/null

# Ports other than the defaults: the app is told where storage, the receiver and its own public URL are.
azurite_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==" # Azurite's well-known key
if [ "$AZURITE_BLOB_PORT$AZURITE_QUEUE_PORT$AZURITE_TABLE_PORT" != 100001000110002 ]; then
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$azurite_key"
  storage+=";BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1"
  storage+=";QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1"
  storage+=";TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1"
  export AzureWebJobsStorage="$storage" SubmissionsStorage="$storage"
fi
[ "$RECEIVER_PORT" = 5089 ] || export Partners__demo_partner__WebhookUrl="http://127.0.0.1:$RECEIVER_PORT/webhooks/demo-partner"
[ "$APP_PORT" = 7071 ] || export OptOut__PublicBaseUrl="http://localhost:$APP_PORT"
# The app allows the example site's origin (CORS lives in the app: Cors__AllowedOrigins). A local.settings.json made
# before that setting existed gets the sample's list; the site's own origins are always in.
origins=${Cors__AllowedOrigins:-$(setting Cors__AllowedOrigins)}
if [ -z "$origins" ]; then
  origins=$(node -e 'process.stdout.write(require(process.argv[1]).Values.Cors__AllowedOrigins || "")' "$PWD/local.settings.sample.json")
  echo "Note: $settings has no Cors__AllowedOrigins (CORS moved from Host.CORS into the app); using the sample's list."
fi
for origin in "http://localhost:$SITE_PORT" "http://127.0.0.1:$SITE_PORT"; do
  case ",$origins," in *",$origin,"*) ;; *) origins="$origins,$origin" ;; esac
done
export Cors__AllowedOrigins="${origins#,}"
# Mail goes to the smtp4dev started below, whatever local.settings.json says: plain SMTP on loopback (Development only).
export Mail__Host=127.0.0.1 Mail__Port="$SMTP_PORT" Mail__Security=None

mkdir -p "$AZURITE_LOCATION"
start azurite node node_modules/azurite/dist/src/azurite.js --location "$AZURITE_LOCATION" --skipApiVersionCheck \
  --disableTelemetry --silent --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$AZURITE_BLOB_PORT" --queuePort "$AZURITE_QUEUE_PORT" --tablePort "$AZURITE_TABLE_PORT"
wait_for_port Azurite "$AZURITE_TABLE_PORT" "$(last_pid)"

# smtp4dev: SMTP and its web page on loopback only, IMAP and POP3 off, messages in memory (gone when the run stops),
# the user's own smtp4dev settings ignored. Its output (which names senders and recipients) goes to its folder, not
# here. It starts while the rest does.
mkdir -p "$SMTP4DEV_DATA"
dotnet smtp4dev --baseappdatapath="$SMTP4DEV_DATA" --nousersettings --hostname=localhost --bindaddress=127.0.0.1 \
  --disableipv6 --smtpport="$SMTP_PORT" --imapport= --pop3port= --db= --urls="http://127.0.0.1:$SMTP_WEB_PORT" \
  >"$SMTP4DEV_DATA/smtp4dev.log" 2>&1 &
pids+=("$!")
names+=(smtp4dev)
echo "Started smtp4dev (pid $!)"
smtp4dev_pid=$!

start receiver env Receiver__SigningSecret="$(setting Partners__demo_partner__SigningSecret)" \
  dotnet "$receiver_dll" --urls "http://127.0.0.1:$RECEIVER_PORT"
receiver_pid=$(last_pid)

if [ "$SUBMISSIONS_HOST" = func ]; then
  (cd src/Submissions.Functions && exec func start --port "$APP_PORT") &
  pids+=("$!")
  names+=(func)
  echo "Started func start (pid $!)"
  key_note="func start does not check function keys"
else
  start local-host dotnet "$host_dll" \
    --Settings "$settings" --KeysFile "$HOST_KEYS_FILE" --Port "$APP_PORT"
  key_note="x-functions-key from $HOST_KEYS_FILE"
fi
app_pid=$(last_pid)

start site node samples/site/serve.mjs --port "$SITE_PORT" --api "http://localhost:$APP_PORT/api"

# Ready once the app answers and the demo seed is in (the seed runs in the background at start-up).
ready=0
for _ in $(seq 1 600); do
  if curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$APP_PORT/api/promotions/demo-promotion" 2>/dev/null; then ready=1; break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then echo "The function app exited during start-up." >&2; exit 1; fi
  sleep 0.2
done
if [ "$ready" != 1 ]; then echo "The function app did not serve the demo promotion within 2 minutes; see its output above." >&2; exit 1; fi
curl -fsS --max-time 10 -o /dev/null "http://127.0.0.1:$APP_PORT/api/health"
wait_for_port receiver "$RECEIVER_PORT" "$receiver_pid"
wait_for_port smtp4dev "$SMTP_PORT" "$smtp4dev_pid"
smtp4dev_ready=0
for _ in $(seq 1 300); do
  if curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$SMTP_WEB_PORT/api/messages" 2>/dev/null; then smtp4dev_ready=1; break; fi
  if ! kill -0 "$smtp4dev_pid" 2>/dev/null; then break; fi
  sleep 0.2
done
if [ "$smtp4dev_ready" != 1 ]; then echo "smtp4dev's web page did not answer on port $SMTP_WEB_PORT; see $SMTP4DEV_DATA/smtp4dev.log" >&2; exit 1; fi
wait_for_port site "$SITE_PORT" "$(last_pid)"

cat <<URLS

Ready in $(( $(date +%s) - started )) s. Everything below listens on 127.0.0.1 only; Ctrl-C stops it all.
  API            http://localhost:$APP_PORT/api/   (host: $SUBMISSIONS_HOST; admin routes: $key_note)
  Example site   http://localhost:$SITE_PORT/
  Receiver       http://127.0.0.1:$RECEIVER_PORT/webhooks/demo-partner   (the demo partner's signed leads are logged here)
  Azurite        blob :$AZURITE_BLOB_PORT, queue :$AZURITE_QUEUE_PORT, table :$AZURITE_TABLE_PORT   (data in $AZURITE_LOCATION/)
  Mail (smtp4dev) http://127.0.0.1:$SMTP_WEB_PORT/   (every mail the app sends; SMTP :$SMTP_PORT; kept until the run stops)
URLS

# Run until Ctrl-C, or until one of the processes stops by itself.
while true; do
  for index in "${!pids[@]}"; do
    if ! kill -0 "${pids[$index]}" 2>/dev/null; then
      echo "${names[$index]} (pid ${pids[$index]}) stopped by itself; stopping the rest." >&2
      exit 1
    fi
  done
  sleep 1
done
