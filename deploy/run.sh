#!/usr/bin/env bash
# The reference deployment on this machine, loopback only: PostgreSQL 15 primary + streaming replica, two web nodes
# (each running the outbox), HAProxy round robin in front, health-checked on /healthz/ready. Ctrl-C stops all.
#
#   deploy/run.sh            # builds the web host and the ops command (Release) unless LAOBAO_DEPLOY_NO_BUILD=1
#
# Ports (override by environment): LAOBAO_LB_PORT (8080), LAOBAO_NODE1_PORT (8081), LAOBAO_NODE2_PORT (8082),
# LAOBAO_PG_PORT (55432), LAOBAO_REPLICA_PORT (55433). State goes to LAOBAO_DEPLOY_DIR (a new temp folder).
# LAOBAO_DEPLOY_WEB_DLL names the web host to run (default: the one published to out/deploy-CONFIG/web).
# Extra node settings: any Laobao environment variable set before the call (e.g. CardTrust__Roots__0) is passed on.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
lb_port=${LAOBAO_LB_PORT:-8080}
node_ports=("${LAOBAO_NODE1_PORT:-8081}" "${LAOBAO_NODE2_PORT:-8082}")
pg_port=${LAOBAO_PG_PORT:-55432}
replica_port=${LAOBAO_REPLICA_PORT:-55433}
config=${LAOBAO_DEPLOY_CONFIG:-Release}
state=${LAOBAO_DEPLOY_DIR:-$(mktemp -d /tmp/laobao-deploy.XXXXXX)}
pg_bin=/usr/lib/postgresql/15/bin
mkdir -p "$state/logs"
chmod 777 "$state/logs"   # PostgreSQL runs as the postgres user and writes its logs here too
chmod 755 "$state"

fail() { echo "deploy: $*" >&2; exit 1; }
[ -x "$pg_bin/pg_ctl" ] || fail "PostgreSQL 15 is needed (apt-get install -y postgresql-15)"
command -v haproxy >/dev/null || fail "HAProxy is needed (apt-get install -y haproxy)"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pids=()
stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for dir in "$state/replica" "$state/primary"; do
    [ -f "$dir/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
  done
  echo "deploy: stopped (state in $state)"
}
trap stop_all INT TERM EXIT

# The web host is published (a build folder has no wwwroot: without it the e-desk would have no style sheet or
# scripts and /app no files); LAOBAO_DEPLOY_NO_BUILD=1 runs what is there, the published folder if any, else the
# build output (enough for the API, as the tests use it).
published="$root/out/deploy-$config/web"
if [ "${LAOBAO_DEPLOY_NO_BUILD:-0}" != 1 ]; then
  dotnet publish src/Laobao.Web/Laobao.Web.csproj -c "$config" -o "$published" --nologo -v quiet -clp:ErrorsOnly
  dotnet build src/Laobao.Ops/Laobao.Ops.csproj -c "$config" --nologo -v quiet -clp:ErrorsOnly
fi
web_dll=${LAOBAO_DEPLOY_WEB_DLL:-$published/Laobao.Web.dll}
[ -f "$web_dll" ] || web_dll="$root/src/Laobao.Web/bin/$config/net10.0/Laobao.Web.dll"
ops_dll="$root/src/Laobao.Ops/bin/$config/net10.0/laobao.dll"

# ---- PostgreSQL primary, then a streaming replica from pg_basebackup ----
mkdir -p "$state/primary" && chown postgres:postgres "$state/primary" 2>/dev/null || true
as_pg "$pg_bin/initdb" -D "$state/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
echo "host replication postgres 127.0.0.1/32 trust" >> "$state/primary/pg_hba.conf"
# Settings in the server's own file, so a plain `pg_ctl -D DIR start` (after an outage drill, say) starts it the same way.
cat >> "$state/primary/postgresql.conf" <<CONF
port = $pg_port
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
wal_level = replica
max_wal_senders = 4
hot_standby = on
CONF
as_pg "$pg_bin/pg_ctl" -D "$state/primary" -l "$state/logs/primary.log" -w start >/dev/null
mkdir -p "$state/replica" && chmod 700 "$state/replica" && { chown postgres:postgres "$state/replica" 2>/dev/null || true; }
as_pg "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$pg_port" -U postgres -D "$state/replica" -R -X stream
chmod 700 "$state/replica"
# The copy carries the primary's file; the later lines win.
cat >> "$state/replica/postgresql.conf" <<CONF
port = $replica_port
CONF
as_pg "$pg_bin/pg_ctl" -D "$state/replica" -l "$state/logs/replica.log" -w start >/dev/null

primary="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=laobao"
replica="Host=127.0.0.1;Port=$replica_port;Username=postgres;Database=laobao"
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE laobao" >/dev/null
export Database__Provider=Postgres ConnectionStrings__Laobao="$primary"
dotnet "$ops_dll" db migrate >/dev/null
if [ -n "${LAOBAO_DEPLOY_SEED:-}" ]; then dotnet "$ops_dll" seed --persons "$LAOBAO_DEPLOY_SEED" >/dev/null; fi

# ---- One Data Protection certificate for both nodes: the key ring they share in the database is encrypted with it ----
openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=Laobao deploy Data Protection" \
  -keyout "$state/data-protection.key" -out "$state/data-protection.crt" 2>/dev/null
chmod 600 "$state/data-protection.key"

# ---- Two web nodes, forwarded headers believed only from the balancer (127.0.0.1) ----
for i in 0 1; do
  port=${node_ports[$i]}
  mkdir -p "$state/node$i/home"
  (cd "$state/node$i" && HOME="$state/node$i/home" \
    ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ForwardedHeaders__KnownProxies__0=127.0.0.1 ConnectionStrings__LaobaoReadOnly="$replica" \
    DataProtection__CertificatePath="$state/data-protection.crt" DataProtection__KeyPath="$state/data-protection.key" \
    Desk__Origin="${Desk__Origin:-http://127.0.0.1:$lb_port}" \
    Mail__LocalMailbox="${Mail__LocalMailbox:-true}" \
    exec dotnet "$web_dll" >"$state/logs/node$i.log" 2>&1) &
  pids+=($!)
  echo $! > "$state/node$i.pid"
done

# ---- HAProxy: round robin, health-checked on /healthz/ready ----
# When no node is ready (a database outage turns every node's readiness red) the balancer answers as a node would:
# 503 with Retry-After, a problem document on the APIs and the page in both languages elsewhere
# (the copy of src/Laobao.Web/Operations/Outage/OutageCopy.cs).
cat > "$state/outage.json" <<'JSON'
{"type":"urn:laobao:problem:service-unavailable","title":"The service is briefly unavailable: the records store cannot be reached. Try again after Retry-After seconds.","status":503,"detail":"勞保 e 化服務櫃台暫時無法讀寫資料。先前已完成的申請與紀錄都已保存；剛才送出的這一筆沒有儲存，請稍候幾秒後再試一次。 / The Laobao e-desk cannot reach its records right now. What you completed before is safely stored; what you just sent was not saved. Please wait a few seconds and try again.","code":"service-unavailable","retryAfter":5}
JSON
cat > "$state/outage.html" <<'HTML'
<!DOCTYPE html>
<html lang="zh-Hant-TW">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>系統暫時無法使用 · Laobao is briefly unavailable</title></head>
<body><main>
<h1>系統暫時無法使用</h1>
<p>勞保 e 化服務櫃台暫時無法讀寫資料。先前已完成的申請與紀錄都已保存；剛才送出的這一筆沒有儲存，請稍候幾秒後再試一次。</p>
<div lang="en"><h2>Laobao is briefly unavailable</h2>
<p>The Laobao e-desk cannot reach its records right now. What you completed before is safely stored; what you just sent was not saved. Please wait a few seconds and try again.</p></div>
</main></body>
</html>
HTML
cat > "$state/haproxy.cfg" <<CFG
global
  maxconn 2048
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option forwardfor
  retries 1
  option redispatch
frontend laobao
  bind 127.0.0.1:$lb_port
  acl no_node nbsrv(nodes) eq 0
  acl api path_beg /api/ /desk/api/
  http-request return status 503 content-type "application/problem+json" hdr Retry-After 5 hdr Cache-Control no-store file "$state/outage.json" if no_node api
  http-request return status 503 content-type "text/html; charset=utf-8" hdr Retry-After 5 hdr Cache-Control no-store file "$state/outage.html" if no_node
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /healthz/ready
  http-check expect status 200
  http-response set-header X-Laobao-Node %s
  server node1 127.0.0.1:${node_ports[0]} check inter 1s fall 2 rise 1
  server node2 127.0.0.1:${node_ports[1]} check inter 1s fall 2 rise 1
CFG
haproxy -f "$state/haproxy.cfg" -db >"$state/logs/haproxy.log" 2>&1 &
pids+=($!)

for port in "${node_ports[@]}"; do
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/healthz/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/healthz/ready" >/dev/null || fail "node on $port is not ready; see $state/logs"
done

echo "Laobao reference deployment (loopback):"
echo "  balancer   http://127.0.0.1:$lb_port  (HAProxy round robin, checks /healthz/ready)"
echo "  nodes      http://127.0.0.1:${node_ports[0]}  http://127.0.0.1:${node_ports[1]}"
echo "  node pids  ${pids[0]} ${pids[1]}"
echo "  PostgreSQL primary 127.0.0.1:$pg_port, streaming replica 127.0.0.1:$replica_port (database laobao; inquiries read the replica)"
echo "  state      $state"
echo "Press Ctrl-C to stop."
# Until Ctrl-C: a node that dies (or is killed in a drill) leaves the rest running, and the balancer routes around it.
wait || true
