#!/usr/bin/env bash
# The full check, what `pnpm test` runs (and the README's test command): lint, types, migrations,
# one build (web/dist + sync-server/dist, used by the e2e tests), then every vitest project.
# CI gives it 20 min on 2 cores: what is single-threaded or mostly waits runs side by side.
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

# Lanes run side by side, each one's output in its own log, shown whole (in order) once all have ended.
lane_pids=()
lane_logs=()
lane() {
  local log=".tmp/lanes/$1.log"
  shift
  ("$@") >"$log" 2>&1 &
  lane_pids+=("$!")
  lane_logs+=("$log")
}
wait_lanes() {
  local failed=0 i
  for i in "${!lane_pids[@]}"; do
    wait "${lane_pids[$i]}" || failed=1
    cat "${lane_logs[$i]}"
  done
  if [ "$failed" -ne 0 ]; then
    echo "==> échec (voir ci-dessus)" >&2
    exit 1
  fi
}

# The Debian packages the tests need, installed here one after the other: the two test runs below
# would otherwise both call apt-get at once on a fresh machine, and one would find dpkg locked.
prepare() {
  step "chromium (tests e2e)" bash scripts/ensure-chromium.sh
  step "sshd (tests WMS)" bash tests/fixtures/sshd/ensure-sshd.sh
  step "validateurs Factur-X (tests intégration)" bash scripts/ensure-einvoicing-validators.sh
  step "client Python TomatoPlan (tests intégration)" bash scripts/ensure-python-client.sh
  step "typecheck" pnpm typecheck
  step "check:migrations" pnpm check:migrations
  step "build" pnpm build
}

mkdir -p .tmp/lanes
started=$SECONDS
echo "==> lint | paquets, typecheck, check:migrations, build : côte à côte (eslint et tsc n'utilisent qu'un cœur)"
lane lint step "lint" pnpm lint
lane prepare prepare
wait_lanes
echo "==> lint | paquets, typecheck, check:migrations, build : ok ($((SECONDS - started)) s)"

# One report for both test runs (.tmp/vitest-results.json), and one plain closing line for CI, failed
# or not: "tests: N passed, N failed, N skipped".
summary() {
  node -e '
const fs = require("node:fs");
const runs = [".tmp/vitest-unit-integration.json", ".tmp/vitest-e2e.json"].map((file) => {
  if (!fs.existsSync(file)) {
    console.error(`${file} absent : ce vitest s’est arrêté avant son rapport`);
    process.exit(1);
  }
  return JSON.parse(fs.readFileSync(file, "utf8"));
});
const merged = { ...runs[0], success: runs.every((r) => r.success), startTime: Math.min(...runs.map((r) => r.startTime)), testResults: runs.flatMap((r) => r.testResults) };
for (const key of Object.keys(runs[0]).filter((key) => key.startsWith("num"))) merged[key] = runs.reduce((sum, r) => sum + r[key], 0);
fs.writeFileSync(".tmp/vitest-results.json", JSON.stringify(merged));
console.log(`tests: ${merged.numPassedTests} passed, ${merged.numFailedTests} failed, ${merged.numPendingTests + merged.numTodoTests} skipped`);
'
}

# The integration and e2e tiers start servers (sshd, MariaDB databases, the built server, Chromium) and
# run one file at a time; in ONE vitest run all their files would queue in a single line (vitest's
# sequential group), mostly waiting on those servers. So two vitest processes run side by side, unit
# then integration, and e2e, live, each line prefixed with its run.
tests() {
  local pids=() failed=0 pid
  npx vitest run --project unit --project integration --reporter=default --reporter=json \
    --outputFile.json=.tmp/vitest-unit-integration.json 2>&1 | sed -u 's/^/[unit+integration] /' &
  pids+=("$!")
  npx vitest run --project e2e --reporter=default --reporter=json \
    --outputFile.json=.tmp/vitest-e2e.json 2>&1 | sed -u 's/^/[e2e] /' &
  pids+=("$!")
  for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
  done
  summary || failed=1
  return "$failed"
}
rm -f .tmp/vitest-unit-integration.json .tmp/vitest-e2e.json .tmp/vitest-results.json
step "tests (unit puis integration | e2e)" tests

echo "==> tout est vert"
