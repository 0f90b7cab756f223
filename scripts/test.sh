#!/usr/bin/env bash
# The newcomer's second command (`npm test`): every unit and integration test
# of every package, then one summary line `N passed, N failed`.
set -euo pipefail
bash "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/toolchain.sh"
cd "$REPO_ROOT"

mkdir -p .ci-out
rm -f .ci-out/jest.json
status=0
CI=true backstage-cli repo test --json --outputFile=.ci-out/jest.json "$@" || status=$?

if [ ! -f .ci-out/jest.json ]; then
  echo "0 passed, 1 failed (the test runner produced no results)"
  exit 1
fi
node -e '
  const r = require("./.ci-out/jest.json");
  const failedSuites = r.numRuntimeErrorTestSuites || 0;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + failedSuites} failed`);
'
exit $status
