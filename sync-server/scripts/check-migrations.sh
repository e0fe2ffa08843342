#!/usr/bin/env bash
# Fails when src/db/tables.ts (derived from @relais/schema) and the committed migrations drift apart.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
out=$(mktemp -d .tmp/drift-XXXXXX)
trap 'rm -rf "$out"' EXIT
cp -r drizzle/. "$out/"
log=$(RELAIS_MIGRATIONS_OUT="$out" npx drizzle-kit generate --name drift 2>&1) || { echo "$log" >&2; exit 1; }
if grep -q "Error" <<<"$log"; then echo "$log" >&2; exit 1; fi
if ! diff -r drizzle "$out" >/dev/null; then
  echo "Les migrations committées ne correspondent plus au schéma : lancez 'pnpm --filter @relais/sync-server run db:generate' et committez drizzle/." >&2
  diff -r drizzle "$out" | head -40 >&2
  exit 1
fi
echo "migrations à jour"
