#!/usr/bin/env bash
# The backup and restore drill (docs/operator-guide.md, "Backups"): dump the store, restore the dump into an empty
# database on another server, and check the copy against the original.
#
#   deploy/backup-drill.sh dump    SOURCE DUMPFILE          # pg_dump -Fc into a file only its owner can read (0600)
#   deploy/backup-drill.sh restore DUMPFILE TARGET_ADMIN NAME # create NAME on the target server, pg_restore into it
#   deploy/backup-drill.sh check   SOURCE TARGET            # the same migrations and the same row counts, table by table
#   deploy/backup-drill.sh drill   SOURCE TARGET_ADMIN DUMPFILE [NAME]   # all three
#
# SOURCE and TARGET are libpq connection strings ("host=… port=… user=… dbname=…" or postgresql:// URIs);
# TARGET_ADMIN names a database on the target server that may CREATE DATABASE (e.g. dbname=postgres).
# Exit codes: 0 the copy matches, 1 a step failed, 2 usage, 5 the copy differs from the original.
set -euo pipefail
pg_bin=${LAOBAO_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$pg_bin/pg_dump" ] || pg_bin=$(dirname "$(command -v pg_dump || echo /usr/bin/pg_dump)")

usage() { sed -n '2,12p' "$0" >&2; exit 2; }
fail() { echo "backup-drill: $*" >&2; exit 1; }

dump() {
  local source=$1 file=$2
  # The dump holds ID numbers, audit records and the Data Protection keys: nobody but its owner may read it,
  # from the first byte on (pg_dump follows the umask).
  umask 077
  mkdir -p "$(dirname "$file")"
  "$pg_bin/pg_dump" -Fc --no-owner -d "$source" -f "$file" || fail "pg_dump failed"
  chmod 600 "$file"
  local mode
  mode=$(stat -c %a "$file")
  [ "$mode" = 600 ] || fail "$file has mode $mode, expected 600"
  echo "backup-drill: dumped to $file (mode $mode, $(stat -c %s "$file") bytes)"
}

restore() {
  local file=$1 admin=$2 name=$3
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || fail "the database name '$name' is not a plain lower-case name"
  "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -d "$admin" -c "CREATE DATABASE $name TEMPLATE template0 ENCODING 'UTF8'" || fail "could not create $name"
  local target
  target=$(target_of "$admin" "$name")
  "$pg_bin/pg_restore" --no-owner --exit-on-error -d "$target" "$file" || fail "pg_restore failed"
  echo "backup-drill: restored into $name"
}

# The admin connection string with its database replaced by NAME.
target_of() {
  local admin=$1 name=$2
  if [[ "$admin" == postgres://* || "$admin" == postgresql://* ]]; then
    echo "${admin%/*}/$name"
  else
    echo "$(sed -E 's/(^| )dbname=[^ ]*//' <<<"$admin") dbname=$name"
  fi
}

counts() {
  "$pg_bin/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT 'migration ' || coalesce(max("MigrationId"), '-') FROM "__EFMigrationsHistory";
SELECT 'persons ' || count(*) FROM persons;
SELECT 'insured_units ' || count(*) FROM insured_units;
SELECT 'coverage_events ' || count(*) FROM coverage_events;
SELECT 'coverage_segments ' || count(*) FROM coverage_segments;
SELECT 'pension_contributions ' || count(*) FROM pension_contributions;
SELECT 'pension_earnings ' || count(*) FROM pension_earnings;
SELECT 'audit_records ' || count(*) || ' ' || coalesce(max(id)::text, '-') FROM audit_records;
SELECT 'mail_outbox ' || count(*) || ' unsent ' || count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL) FROM mail_outbox;
SQL
}

check() {
  local source=$1 target=$2 a b
  a=$(counts "$source") || fail "could not read the original"
  b=$(counts "$target") || fail "could not read the copy"
  if [ "$a" != "$b" ]; then
    echo "backup-drill: the copy differs from the original:" >&2
    diff <(echo "$a") <(echo "$b") >&2 || true
    exit 5
  fi
  echo "$b" | sed 's/^/backup-drill:   /'
  echo "backup-drill: the copy matches the original"
}

[ $# -ge 1 ] || usage
command=$1; shift
case "$command" in
  dump) [ $# -eq 2 ] || usage; dump "$1" "$2" ;;
  restore) [ $# -eq 3 ] || usage; restore "$1" "$2" "$3" ;;
  check) [ $# -eq 2 ] || usage; check "$1" "$2" ;;
  drill)
    [ $# -ge 3 ] || usage
    name=${4:-laobao_restored}
    dump "$1" "$3"
    restore "$3" "$2" "$name"
    check "$1" "$(target_of "$2" "$name")"
    ;;
  *) usage ;;
esac
