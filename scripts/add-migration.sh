#!/usr/bin/env bash
# Adds one migration to BOTH providers' migration sets (SQLite and PostgreSQL), so the schema stays one.
# Usage: scripts/add-migration.sh NAME        (e.g. scripts/add-migration.sh AddMobileAccounts)
# Uses the dotnet-ef version pinned in .config/dotnet-tools.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || ! [[ "$1" =~ ^[A-Za-z][A-Za-z0-9_]*$ ]]; then
  echo "usage: scripts/add-migration.sh NAME   (NAME: letters, digits, underscores; starts with a letter)" >&2
  exit 2
fi
name=$1
dotnet tool restore >/dev/null
project=src/Laobao.Web/Laobao.Web.csproj
dotnet build "$project" --nologo -v quiet >/dev/null
dotnet tool run dotnet-ef migrations add "$name" --no-build --project "$project" \
  --context SqliteLaobaoDbContext --output-dir Data/Migrations/Sqlite
dotnet tool run dotnet-ef migrations add "$name" --no-build --project "$project" \
  --context PostgresLaobaoDbContext --output-dir Data/Migrations/Postgres
echo "added migration $name for Sqlite and Postgres; review Data/Migrations/*/ and commit both"
