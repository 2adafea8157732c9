#!/usr/bin/env bash
# Installs what the tests need, starts the real parts on 127.0.0.1, runs every test, stops what it started.
# Usage: ./test.sh [extra arguments for dotnet test, e.g. --filter FullyQualifiedName~Domain]
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---- 1. Debian packages, installed only where missing (CI runs as root on a fresh machine) ----
need=()
command -v softhsm2-util >/dev/null || need+=(softhsm2)
command -v pkcs11-tool >/dev/null || need+=(opensc)
[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || need+=(postgresql-15)
# The mail tests run their own SMTP server on 127.0.0.1 (tests/Laobao.Web.Tests/Mail/smtp_capture.py on aiosmtpd).
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
# Statements (SPEC §10): the CJK TrueType font PDFsharp embeds, and poppler to open the PDFs as a verifier would.
[ -f /usr/share/fonts/truetype/arphic-bsmi00lp/bsmi00lp.ttf ] || need+=(fonts-arphic-bsmi00lp)
command -v pdfsig >/dev/null || need+=(poppler-utils)
# The demo test clones the repository and runs ./demo.sh there, which waits on its servers with curl.
command -v git >/dev/null || need+=(git)
command -v curl >/dev/null || need+=(curl)
# The OCSP tests run a real responder on loopback (openssl ocsp).
command -v openssl >/dev/null || need+=(openssl)
# The reference deployment (deploy/run.sh) puts HAProxy in front of two web nodes.
command -v haproxy >/dev/null || need+=(haproxy)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then echo "test.sh: need root to install ${need[*]} (apt-get install -y ${need[*]})" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# ---- 2. Real parts on loopback, each in its own throwaway folder ----
work=$(mktemp -d /tmp/laobao-test.XXXXXX)
chmod 755 "$work"
pg_pid_dir="$work/pg"
cleanup() {
  if [ -f "$pg_pid_dir/postmaster.pid" ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_pid_dir" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# PostgreSQL 15: initdb and pg_ctl refuse root, so they run as the postgres user.
pg_port=$(free_port)
mkdir -p "$pg_pid_dir" && chown postgres:postgres "$pg_pid_dir"
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pg_pid_dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_pid_dir" -l "$pg_pid_dir/log" \
  -o "-p $pg_port -k $pg_pid_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" -w start >/dev/null
export LAOBAO_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
echo "test.sh: PostgreSQL on 127.0.0.1:$pg_port"

# The tests start dozens of web hosts (and Chromiums); each .NET configuration file watcher takes one of the user's
# inotify instances (128 by default, shared with every other process of the user), and past that a host answers 500.
# No test depends on a file changing under a running host, so do not watch at all, poll where something still watches,
# and raise the limit (root) for what Chromium and the rest need.
if [ "$(id -u)" -eq 0 ] && [ "$(cat /proc/sys/fs/inotify/max_user_instances)" -lt 1024 ]; then
  sysctl -qw fs.inotify.max_user_instances=1024 || echo "test.sh: could not raise fs.inotify.max_user_instances" >&2
fi
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=1

# Each test run gets its own HOME so .NET's CRL cache never carries over from a previous run.
export LAOBAO_TEST_WORK="$work"

# ---- 3. Every test ----
# Build once with both cores, then test one project at a time: the demo test builds a fresh clone and the web tests
# drive several Chromiums, and run side by side on two cores they once starved a page load past its timeout.
log="$work/dotnet-test.log"
set +e
dotnet build Laobao.slnx --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  dotnet test Laobao.slnx --nologo --no-build -m:1 "$@" 2>&1 | tee -a "$log"
  status=${PIPESTATUS[0]}
fi
set -e

# One closing line in the plain form CI reads: 'N passed, N failed'.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "test.sh: no test ran" >&2; exit 1; fi
exit "$status"
