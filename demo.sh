#!/usr/bin/env bash
# Runs Laobao as a newcomer's demo, on SQLite, with nothing else to install but the .NET SDK:
#   builds (Release), migrates data/demo/laobao.db, seeds a small background population and imports the named demo
#   people (demo/people/*.csv), issues their demo citizen cards with the development PKI (CA, PKCS#12 cards, CRLs),
#   starts the card bridge and the web host, and prints the addresses and the demo people.
# A second run reuses data/demo (no new import, no new CA). Ctrl-C stops everything it started.
#
#   LAOBAO_DEMO_PORT          web host port            (default 5080)
#   LAOBAO_BRIDGE_PORT        card bridge port         (default 61161, HiPKI Local Server's)
#   LAOBAO_DEMO_SEED_PERSONS  background population    (default 200, used on the first run only)
#   LAOBAO_DEMO_DIR           state folder             (default ./data/demo)
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

port="${LAOBAO_DEMO_PORT:-5080}"
bridge_port="${LAOBAO_BRIDGE_PORT:-61161}"
seed_persons="${LAOBAO_DEMO_SEED_PERSONS:-200}"
state="${LAOBAO_DEMO_DIR:-$root/data/demo}"
origin="http://127.0.0.1:$port"
bridge="http://127.0.0.1:$bridge_port"
config=Release
web_dll="$root/src/Laobao.Web/bin/$config/net10.0/Laobao.Web.dll"
ops_dll="$root/src/Laobao.Ops/bin/$config/net10.0/laobao.dll"
bridge_dll="$root/src/Laobao.CardBridge/bin/$config/net10.0/Laobao.CardBridge.dll"

say() { printf 'demo: %s\n' "$*"; }
fail() { printf 'demo: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null || fail "the .NET 10 SDK is needed (https://dot.net); 'dotnet' is not on PATH"
command -v curl >/dev/null || fail "curl is needed (apt-get install -y curl)"
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_in_use "$port" && fail "port $port is in use; stop what uses it or choose another with LAOBAO_DEMO_PORT=..."
port_in_use "$bridge_port" && fail "port $bridge_port is in use (a HiPKI Local Server or another bridge?); stop it or choose another with LAOBAO_BRIDGE_PORT=..."

mkdir -p "$state/logs" "$state/home"

# Statements (SPEC §10) embed a CJK TrueType font. Without it the demo still runs; issuing a statement then
# answers with a clear error naming the package instead of a PDF.
statement_font=/usr/share/fonts/truetype/arphic-bsmi00lp/bsmi00lp.ttf
if [ ! -f "$statement_font" ]; then
  say "the statement font is missing: PDF statements will refuse with a clear error until it is installed:"
  say "  sudo apt-get install -y fonts-arphic-bsmi00lp"
fi

# ---- 1. Build (skipped when nothing under src/ changed since the last demo build) ----
stamp="$state/build.stamp"
if [ -f "$stamp" ] && [ -f "$web_dll" ] && [ -f "$ops_dll" ] && [ -f "$bridge_dll" ] &&
   [ -z "$(find src Directory.Build.props Directory.Packages.props global.json -newer "$stamp" -print -quit)" ]; then
  say "build is up to date"
else
  say "building Laobao ($config): the web host, the app, the ops command and the card bridge, in one build."
  say "  The first build takes about 3 minutes (packages are fetched too); later ones only rebuild what changed."
  started=$SECONDS
  # One build of both entry points (demo/Demo.proj), so shared projects build once. No build servers: nothing of the
  # build is left running once the demo stops. Its own output goes to a log, shown only when it fails.
  if ! dotnet build demo/Demo.proj -c "$config" --nologo -v quiet -clp:ErrorsOnly --disable-build-servers >"$state/logs/build.log" 2>&1; then
    tail -n 40 "$state/logs/build.log" >&2
    fail "the build failed (the errors are above; whole log: $state/logs/build.log)"
  fi
  say "build done in $((SECONDS - started)) s"
  touch "$stamp"
fi

laobao() { dotnet "$ops_dll" "$@"; }
export Database__Provider=Sqlite ConnectionStrings__Laobao="Data Source=$state/laobao.db"

# ---- 2. Store: schema, background population, named demo people ----
if [ -f "$state/population.done" ]; then
  laobao db migrate
  say "reusing the demo population in $state/laobao.db"
else
  # A run stopped half-way leaves a partial store; the seed needs an empty one, so start that store again.
  rm -f "$state/laobao.db" "$state/laobao.db-wal" "$state/laobao.db-shm"
  say "creating the demo database in $state/laobao.db…"
  laobao db migrate
  say "adding $seed_persons made-up background persons (well under a minute)…"
  laobao seed --persons "$seed_persons"
  say "importing the named demo people from demo/people/*.csv…"
  for kind in persons units coverage-events pension-contributions pension-earnings; do
    cp "demo/people/$kind.csv" "$state/$kind.csv"
    laobao import "$kind" "$state/$kind.csv" --no-alerts || fail "importing demo/people/$kind.csv failed (see $state/$kind.csv.rejects.csv)"
  done
  # Record health (SPEC §12): 林佳蓉 is bureau staff (her own card opens /staff), and 黃志明 has an open case about
  # the three pension months his employer did not pay.
  laobao staff grant N224680139 >/dev/null || fail "granting the demo staff role failed"
  laobao case open K112345676 --topic pension-month-missing --unit 200000011 --from 2025-03 --to 2025-05 \
    --comment "公司 2025 年 3 到 5 月沒有幫我提繳勞退。 My employer paid no labour pension for March to May 2025." >/dev/null \
    || fail "opening the demo case failed"
  touch "$state/population.done"
fi

# ---- 3. Development PKI and the demo cards ----
pki="$state/pki"
cards="$state/cards"
crl_base="$origin/crl/"
if [ -f "$pki/pki.json" ] && grep -q "\"$crl_base" "$pki/pki.json"; then
  say "reusing the demo CA in $pki"
else
  if [ -f "$pki/pki.json" ]; then
    say "the demo CA's CRL addresses name another port; issuing a new demo CA and cards for port $port"
  fi
  # A new CA at the same CRL address must not meet the old CA's CRLs in .NET's download cache.
  rm -rf "$pki" "$cards" "$state/home/.dotnet"
  say "making the demo certificate authority (a few seconds)…"
  laobao pki init --dir "$pki" --crl-base-url "$crl_base" >/dev/null
fi
mkdir -p "$cards"
revoked=0
while IFS=$'\t' read -r card id name birth pin status _; do
  [ "$card" = card ] && continue
  [ -f "$cards/$card.p12" ] && continue
  serial=$(laobao pki issue-card --dir "$pki" --name "$name" --id "$id" --pin "$pin" --p12 "$cards/$card.p12" |
    sed -n 's/^issued card certificate \([0-9A-F]*\).*/\1/p')
  if [ "$status" = revoked ]; then
    laobao pki revoke "$serial" --dir "$pki" --reason keyCompromise >/dev/null
    revoked=1
  fi
done < demo/people.tsv
# Fresh CRLs on every start: a demo started again days later still passes the next-update check.
laobao pki crl --dir "$pki" >/dev/null
# The statements' development document-signing CA and signer (kept across runs, like the card PKI).
documents="$state/pki-documents"
if [ ! -f "$documents/document-signer.p12" ]; then
  laobao pki document-signer --dir "$documents" --password laobao-demo >/dev/null
  say "created a development document-signing CA for statements in $documents"
fi
if [ "$revoked" -eq 1 ]; then say "revoked the demo card(s) marked revoked in demo/people.tsv"; fi

# ---- 4. Card bridge and web host; Ctrl-C stops both ----
pids=()
stopping=0
stop_all() {
  if [ "$stopping" -eq 1 ]; then return 0; fi
  stopping=1
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ ${#pids[@]} -gt 0 ]; then say "stopped the card bridge and the web host"; fi
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

say "starting the card bridge and the web host (about 10 seconds)…"
dotnet "$bridge_dll" --contentRoot "$root/src/Laobao.CardBridge" \
  --CardBridge:Url="$bridge" --CardBridge:Pkcs11Module= --CardBridge:Pkcs12Folder="$cards" \
  --CardBridge:AllowedOrigins:0="$origin" --CardBridge:AllowedOrigins:1="http://localhost:$port" \
  >"$state/logs/card-bridge.log" 2>&1 &
pids+=($!)
bridge_pid=$!

# The host's own HOME keeps .NET's CRL download cache with this demo's state.
HOME="$state/home" ASPNETCORE_ENVIRONMENT=Demo dotnet "$web_dll" --contentRoot "$root/src/Laobao.Web" \
  --urls "$origin" --Desk:Origin="$origin" --Desk:CardBridgeOrigin="$bridge" \
  --CardTrust:Roots:0="$pki/root-demo.crt" --CardTrust:Intermediates:0="$pki/moica-demo.crt" \
  --Demo:CrlFolder="$pki/crl" --DataProtection:CertificatePath="$state/data-protection.pfx" \
  --Statements:SigningCertificate="$documents/document-signer.p12" --Statements:SigningCertificatePassword=laobao-demo \
  --Statements:CaCertificate="$documents/document-ca.crt" --Statements:FontFile="$statement_font" \
  >"$state/logs/web.log" 2>&1 &
pids+=($!)
web_pid=$!

wait_for() { # name pid url
  for _ in $(seq 1 120); do
    kill -0 "$2" 2>/dev/null || { tail -n 20 "$state/logs/$1.log" >&2; fail "the $1 stopped while starting (log: $state/logs/$1.log)"; }
    curl -fsS -o /dev/null "$3" 2>/dev/null && return 0
    sleep 0.5
  done
  fail "the $1 did not answer at $3 within a minute (log: $state/logs/$1.log)"
}
wait_for card-bridge "$bridge_pid" "$bridge/"
wait_for web "$web_pid" "$origin/healthz"

roc() { # 1971-01-02 -> 0600102
  printf '%03d%s%s' "$((10#${1:0:4} - 1911))" "${1:5:2}" "${1:8:2}"
}

cat <<MSG

Laobao demo — 勞保 e 化服務櫃台
  e-desk (自然人憑證登入):  $origin/desk          English: $origin/desk?lang=en
  mobile app (手機 App):    $origin/app/          English: $origin/app/?lang=en
  demo mailbox (測試信箱):  $origin/desk/mailbox
  card bridge (憑證元件):    $bridge/
  API documentation:        $origin/openapi/v1.json
  health:                   $origin/healthz
  CRLs (廢止清冊):          ${crl_base}moica-demo.crl, ${crl_base}root-demo.crl

Demo people — sign in at the e-desk with ID, date of birth (ROC YYYMMDD) and the card PIN:
MSG
printf '  %-11s %-23s %-7s %s\n' "ID" "birth ROC (Gregorian)" "PIN" "name — what it shows"
while IFS=$'\t' read -r card id name birth pin status shows_en shows_zh; do
  [ "$card" = card ] && continue
  printf '  %-11s %-23s %-7s %s — %s\n' "$id" "$(roc "$birth") ($birth)" "$pin" "$name" "$shows_en"
  printf '  %-11s %-23s %-7s   %s\n' "" "" "" "$shows_zh"
done < demo/people.tsv

cat <<MSG

State: $state (delete it to start afresh).  Logs: $state/logs/
Processes: web host pid $web_pid, card bridge pid $bridge_pid
Laobao demo is running. Press Ctrl-C to stop.
MSG
wait
