#!/usr/bin/env bash
# The full check, what `pnpm test` runs (and the README's test command): lint, types, migrations,
# one build (web/dist + sync-server/dist, used by the e2e tests), then every vitest project.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() {
  local name="$1"
  shift
  local started=$SECONDS
  echo
  echo "==> ${name}"
  "$@"
  echo "==> ${name} : ok ($((SECONDS - started)) s)"
}

step "chromium (tests e2e)" bash scripts/ensure-chromium.sh
step "lint" pnpm lint
step "typecheck" pnpm typecheck
step "check:migrations" pnpm check:migrations
step "build" pnpm build
mkdir -p .tmp
step "tests (unit, integration, e2e)" npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-results.json

# One plain closing line for CI: "tests: N passed, N failed, N skipped".
node -e '
const r = require("./.tmp/vitest-results.json");
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
'
echo "==> tout est vert"
