#!/usr/bin/env bash
# Profiles the web host while `Laobao.Bench card-sign-in` signs in with cards (one round: give one --revoked size): perf samples the web host's process
# (JIT-compiled frames named through DOTNET_PerfMapEnabled=1) for SECONDS after the prewarm has settled, then prints the
# top frames by self time and by inclusive time, and the share of each library (libclrjit.so = the JIT itself).
# Bench-only: needs `perf` (Debian package linux-perf; apt-get install -y linux-perf). Run it through /work/slot.
#
# usage: bench/profile-card-sign-in.sh OUT_DIR SECONDS -- <Laobao.Bench card-sign-in arguments>
#   e.g. bench/profile-card-sign-in.sh /tmp/prof-card 20 -- --provider Postgres --connection "..." --web $W --revoked 100000 --clients 8 --seconds 30
set -euo pipefail
out=$1; seconds=$2; shift 2; [ "${1:-}" = "--" ] && shift
command -v perf >/dev/null || { echo "profile-card-sign-in.sh needs perf: apt-get install -y linux-perf" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
bench="$here/Laobao.Bench/bin/Release/net10.0/Laobao.Bench.dll"
mkdir -p "$out"
# Profile once the prewarm has settled, during the measured phases; the bench's own figures are in bench.log.
LAOBAO_BENCH_PERF_MAP=1 dotnet "$bench" card-sign-in "$@" > "$out/bench.log" 2>&1 &
bench_pid=$!
trap 'kill $bench_pid 2>/dev/null || true' EXIT
until grep -q '^prewarmed:' "$out/bench.log" 2>/dev/null; do
  kill -0 $bench_pid 2>/dev/null || { cat "$out/bench.log"; echo "bench ended before its prewarm did" >&2; exit 1; }
  sleep 1
done
web_pid=$(sed -n "s/^web host pid \([0-9]*\).*/\1/p" "$out/bench.log" | head -1)
echo "profiling web host pid $web_pid for $seconds s ($(cut -d' ' -f1-3 /proc/loadavg) load average)" | tee "$out/profile.txt"
perf record -F 499 -g -p "$web_pid" -o "$out/perf.data" -- sleep "$seconds" 2> "$out/perf-record.log"
wait $bench_pid || true
trap - EXIT
# The report pipes end in `head`: a closed pipe must not end the script half-way.
set +e +o pipefail
{
  echo "command: bench/profile-card-sign-in.sh $out $seconds -- $*"
  echo "== libraries (share of all samples; libclrjit.so is the JIT, perf-$web_pid.map is JIT-compiled code)"
  perf report -i "$out/perf.data" --no-children --sort dso --stdio -g none --percent-limit 0.5 2>/dev/null | grep -v '^#' | grep -v '^$'
  echo "== top frames by self time"
  perf report -i "$out/perf.data" --no-children --sort symbol --stdio -g none --percent-limit 0.6 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40
  echo "== top frames by inclusive time (the frame and what it called)"
  perf report -i "$out/perf.data" --children --sort symbol --stdio -g none --percent-limit 3 2>/dev/null | grep -v '^#' | grep -v '^$' | head -70
  echo "== key frames of the card sign-in (inclusive share; async continuations make inclusive shares overlap)"
  perf report -i "$out/perf.data" --children --sort symbol --stdio -g none --percent-limit 0.2 2>/dev/null | grep -v '^#' > "$out/children.txt"
  pick() { grep -F "$2" "$out/children.txt" | head -1 | awk -v l="$1" '{printf "| %s | %s | %s |\n", l, $1, $2}'; }
  echo "| frame | inclusive | self |"; echo "|---|---:|---:|"
  pick "Kestrel: HTTP/1.1 connection" "HttpProtocol+<ProcessRequests>"
  pick "antiforgery: IsRequestValidAsync" "DefaultAntiforgery+<IsRequestValidAsync>"
  pick "challenge: CardLoginHandler.IssueChallengeAsync" "CardLoginHandler+<IssueChallengeAsync>"
  pick "login: CardLoginHandler.LoginAsync" "CardLoginHandler+<LoginAsync>"
  pick "rate limits: SignInLimiter.IsLimitedAsync" "SignInLimiter+<IsLimitedAsync>"
  pick "challenge row: ChallengeService.IssueAsync" "ChallengeService+<IssueAsync>"
  pick "redemption: ChallengeService.RedeemAsync" "ChallengeService+<RedeemAsync>"
  pick "verification: CardSignatureVerifier.VerifyAsync" "CardSignatureVerifier+<VerifyAsync>"
  pick "certificate: CardCertificateValidator.ValidateAsync" "CardCertificateValidator+<ValidateAsync>"
  pick "chain engine: X509Chain.Build" "X509Chain::Build"
  pick "CRL cache: CrlCache.StatusAsync" "CrlCache+<StatusAsync>"
  pick "CMS: SignedCms.Decode" "SignedCms::Decode"
  pick "CMS: SignerInfo.CheckSignature" "SignerInfo::CheckSignature"
  pick "session: DatabaseTicketStore.StoreAsync" "DatabaseTicketStore+<StoreAsync>"
  pick "session cookie: SignInAsync" "AuthenticationService+<SignInAsync>"
  pick "audit writer: AuditWriter.InsertAsync" "AuditWriter+<InsertAsync>"
  pick "EF Core SaveChanges" "StateManager+<SaveChangesAsync>"
  pick "Npgsql NpgsqlCommand.ExecuteReader" "NpgsqlCommand+<ExecuteReader>"
} >> "$out/profile.txt"
cat "$out/profile.txt"
grep -A20 '^== ' "$out/bench.log" | head -30
