#!/usr/bin/env bash
# Profiles the web host while `Laobao.Bench api` loads GET /api/v1/me/coverage (or signs in with passwords, given
# `--phases sign-in`): perf samples the web host's process
# (JIT-compiled frames named through DOTNET_PerfMapEnabled=1) for SECONDS after the prewarm has settled, then prints the
# top frames by self time and by inclusive time, and the share of each library (libclrjit.so = the JIT itself).
# Bench-only: needs `perf` (Debian package linux-perf; apt-get install -y linux-perf). Run it through /work/slot.
#
# usage: bench/profile-api.sh OUT_DIR SECONDS -- <Laobao.Bench api arguments>
#   e.g. bench/profile-api.sh /tmp/prof-before 20 -- --provider Postgres --connection "..." --web $W --phases full --clients 64
#        bench/profile-api.sh /tmp/prof-sign-in 20 -- --provider Postgres --connection "..." --web $W --phases sign-in --seconds 30
# The sampled phase should outlast SECONDS after the prewarm (--seconds plus --warm-up); with --phases sign-in alone the
# prewarm is the sign-in's own, and every sample is a sign-in's.
set -euo pipefail
out=$1; seconds=$2; shift 2; [ "${1:-}" = "--" ] && shift
command -v perf >/dev/null || { echo "profile-api.sh needs perf: apt-get install -y linux-perf" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
bench="$here/Laobao.Bench/bin/Release/net10.0/Laobao.Bench.dll"
mkdir -p "$out"
# Profile once the prewarm has settled, during the measured phases; the bench's own figures are in bench.log.
LAOBAO_BENCH_PERF_MAP=1 dotnet "$bench" api "$@" > "$out/bench.log" 2>&1 &
bench_pid=$!
trap 'kill $bench_pid 2>/dev/null || true' EXIT
until grep -q '^prewarmed:' "$out/bench.log" 2>/dev/null; do
  kill -0 $bench_pid 2>/dev/null || { cat "$out/bench.log"; echo "bench ended before its prewarm did" >&2; exit 1; }
  sleep 1
done
web_pid=$(sed -n 's/^web host pid \([0-9]*\),.*/\1/p' "$out/bench.log")
echo "profiling web host pid $web_pid for $seconds s ($(cut -d' ' -f1-3 /proc/loadavg) load average)" | tee "$out/profile.txt"
perf record -F 499 -g -p "$web_pid" -o "$out/perf.data" -- sleep "$seconds" 2> "$out/perf-record.log"
wait $bench_pid || true
trap - EXIT
# The report pipes end in `head`: a closed pipe must not end the script half-way.
set +e +o pipefail
{
  echo "command: bench/profile-api.sh $out $seconds -- $*"
  echo "== libraries (share of all samples; libclrjit.so is the JIT, perf-$web_pid.map is JIT-compiled code)"
  perf report -i "$out/perf.data" --no-children --sort dso --stdio -g none --percent-limit 0.5 2>/dev/null | grep -v '^#' | grep -v '^$'
  echo "== top frames by self time"
  perf report -i "$out/perf.data" --no-children --sort symbol --stdio -g none --percent-limit 0.6 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40
  echo "== top frames by inclusive time (the frame and what it called)"
  perf report -i "$out/perf.data" --children --sort symbol --stdio -g none --percent-limit 3 2>/dev/null | grep -v '^#' | grep -v '^$' | head -70
  perf report -i "$out/perf.data" --children --sort symbol --stdio -g none --percent-limit 0.2 2>/dev/null | grep -v '^#' > "$out/children.txt"
  pick() { grep -F "$2" "$out/children.txt" | head -1 | awk -v l="$1" '{printf "| %s | %s | %s |\n", l, $1, $2}'; }
  case " $* " in *" --phases sign-in "*) sign_in_only=1 ;; *) sign_in_only=0 ;; esac
  if [ $sign_in_only = 0 ]; then
  echo "== key frames of the inquiry (inclusive share; async continuations make inclusive shares overlap)"
  echo "| frame | inclusive | self |"; echo "|---|---:|---:|"
  pick "Kestrel: HTTP/1.1 connection" "HttpProtocol+<ProcessRequests>"
  pick "authentication: MobileBearerHandler" "MobileBearerHandler+<HandleAuthenticateAsync>"
  pick "token lookup: TokenService.ValidateAccessAsync" "TokenService+<ValidateAccessAsync>"
  pick "the endpoint: MobileApi.CoverageAsync" "MobileApi+<CoverageAsync>"
  pick "read model: PersonInquiryReader.ReadAsync" "PersonInquiryReader+<ReadAsync>"
  pick "EF Core query enumerator" "SingleQueryingEnumerable\`1+AsyncEnumerator"
  pick "EF Core RelationalCommand.ExecuteReaderAsync" "RelationalCommand+<ExecuteReaderAsync>"
  pick "Npgsql NpgsqlCommand.ExecuteReader" "NpgsqlCommand+<ExecuteReader>"
  pick "formatting: InquiryService.Coverage" "InquiryService::Coverage"
  pick "audit writer: AuditWriter.InsertAsync" "AuditWriter+<InsertAsync>"
  pick "JSON: ObjectDefaultConverter.OnTryWrite" "ObjectDefaultConverter\`1[System.__Canon]::OnTryWrite"
  fi
  case " $* " in *" --phases "*) case " $* " in *sign-in*) with_sign_in=1 ;; *) with_sign_in=0 ;; esac ;; *) with_sign_in=1 ;; esac
  if [ $with_sign_in = 1 ]; then
  echo "== key frames of the password sign-in (inclusive share; async continuations make inclusive shares overlap)"
  echo "| frame | inclusive | self |"; echo "|---|---:|---:|"
  pick "Kestrel: HTTP/1.1 connection" "HttpProtocol+<ProcessRequests>"
  pick "challenge: SessionHandler.ChallengeAsync" "SessionHandler+<ChallengeAsync>"
  pick "sign-in: SessionHandler.SignInAsync" "SessionHandler+<SignInAsync>"
  pick "Argon2id: libsodium crypto_pwhash_argon2id" "crypto_pwhash_argon2id"
  pick "Argon2id: libsodium fill_segment (self)" "fill_segment"
  pick "password check: MobileAccountDirectory.CheckPasswordAsync" "MobileAccountDirectory+<CheckPasswordAsync>"
  pick "nonce: ChallengeService.IssueAsync" "ChallengeService+<IssueAsync>"
  pick "nonce: ChallengeService.RedeemAsync" "ChallengeService+<RedeemAsync>"
  pick "device proof: SessionHandler.CheckDeviceProofAsync" "SessionHandler+<CheckDeviceProofAsync>"
  pick "device signature: DeviceSignatureVerifier.Verify" "DeviceSignatureVerifier::Verify"
  pick "rate limits: AttemptLimiter.IsLimitedAsync" "AttemptLimiter+<IsLimitedAsync>"
  pick "token rows: TokenService.IssueAsync" "TokenService+<IssueAsync>"
  pick "token purge: TokenService.PurgeExpiredAsync" "TokenService+<PurgeExpiredAsync>"
  pick "audit: AuditService.RecordAsync" "AuditService+<RecordAsync>"
  pick "EF Core SaveChanges" "StateManager+<SaveChangesAsync>"
  pick "EF Core query compilation" "QueryCompiler::CompileQueryCore"
  pick "EF Core RelationalCommand.ExecuteReaderAsync" "RelationalCommand+<ExecuteReaderAsync>"
  pick "Npgsql NpgsqlCommand.ExecuteReader" "NpgsqlCommand+<ExecuteReader>"
  pick "kernel: page faults" "asm_exc_page_fault"
  pick "GC: gc_heap::garbage_collect" "gc_heap::garbage_collect"
  # The same question as the bench's last line, answered from the samples alone (both sides in the web host, on its core):
  # every sample whose stack holds libsodium's Argon2id is the floor, every other one is "the rest"; the rest is broken
  # down by the innermost Laobao.Web frame on its stack, and the tiered-compilation worker's samples are shown apart.
  echo "== Argon2id against the rest, from the samples (rest by innermost Laobao.Web frame; JIT worker apart)"
  perf script -i "$out/perf.data" -F comm,ip,sym,dso 2>/dev/null | awk -v RS="" '
    { n++; if ($0 ~ /crypto_pwhash_argon2id/) { a++; next }
      split($0, l, "\n"); if (l[1] ~ /Tiered Com/) { jit++; f["(tiered-compilation worker: tier-up)"]++; next }
      k = "(no Laobao.Web frame: Kestrel, Npgsql completions, GC, kernel)"
      for (i = 2; i <= length(l); i++) if (l[i] ~ /\[Laobao\.Web\]/) { k = l[i]; sub(/^[ \t]*[0-9a-f]+ /, "", k); sub(/\(.*$/, "", k); sub(/.*\] /, "", k); break }
      f[k]++ }
    END { if (a == 0) { print "no Argon2id samples"; exit }
      printf "samples %d; Argon2id %.1f %%; the rest %.1f %% = %.1f %% of Argon2id (%.1f %% without the tier-up worker)\n", n, 100*a/n, 100*(n-a)/n, 100*(n-a)/a, 100*(n-a-jit)/a
      fflush(); for (k in f) if (100*f[k]/n >= 0.3) printf "%6.2f %%  %s\n", 100*f[k]/n, k | "sort -rn"; close("sort -rn") }'
  fi
} >> "$out/profile.txt"
cat "$out/profile.txt"
grep -A20 '^== ' "$out/bench.log" | head -30
