#!/usr/bin/env bash
# Runs Laobao on its embedded defaults: no other server needed. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
port="${LAOBAO_DEMO_PORT:-5080}"
mkdir -p data

echo "Building Laobao…"
dotnet build src/Laobao.Web/Laobao.Web.csproj -c Release --nologo -v quiet

pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_all EXIT INT TERM

ASPNETCORE_ENVIRONMENT=Demo dotnet run --no-build --no-launch-profile -c Release --project src/Laobao.Web -- \
  --urls "http://127.0.0.1:$port" --Desk:Origin "http://127.0.0.1:$port" &
pids+=($!)

for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 1
done

cat <<MSG

Laobao is running.
  e-desk (勞保 e 化服務櫃台):  http://127.0.0.1:$port/desk
  English:                    http://127.0.0.1:$port/desk?lang=en
  mobile app:                 http://127.0.0.1:$port/app/
  demo mailbox:               http://127.0.0.1:$port/desk/mailbox
  health:                     http://127.0.0.1:$port/healthz
Press Ctrl-C to stop.
MSG
wait
