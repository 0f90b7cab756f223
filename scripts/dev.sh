#!/usr/bin/env bash
# The newcomer's first command (`npm run dev`): installs what is missing,
# starts the local AWS emulator with the demo organization, then the frontend
# on :3000 and the backend on :7007, pointed at the emulator.
# AWS_EMULATOR_SEED picks another organization: a seed file, or
# `brownfield[:accounts]` for a generated company organization.
set -euo pipefail
bash "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/toolchain.sh"
cd "$REPO_ROOT"

export AWS_EMULATOR_PORT="${AWS_EMULATOR_PORT:-4599}"
emulator_log="$(mktemp -t aws-emulator.XXXXXX.log)"
node packages/aws-emulator/src/cli.ts --port "$AWS_EMULATOR_PORT" \
  --seed "${AWS_EMULATOR_SEED:-packages/aws-emulator/seeds/demo.yaml}" >"$emulator_log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 50); do
  grep -q 'ready at' "$emulator_log" && break
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    echo "dev: the AWS emulator did not start:" >&2
    cat "$emulator_log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "dev: $(cat "$emulator_log")"

configs=(--config "$REPO_ROOT/app-config.yaml" --config "$REPO_ROOT/app-config.emulator.yaml")
if [ -f app-config.local.yaml ]; then
  configs+=(--config "$REPO_ROOT/app-config.local.yaml")
fi
# Guest sign-in, a second local user, publish:local and file locations
# (packages/backend/src/devExtras); the backend refuses them in production.
export ML_ENVIRONMENTS_DEV_EXTRAS=true
# Backstage's SQS events module reads the default credential chain: the
# suite's own management principal (app-config.emulator.yaml).
export AWS_ACCESS_KEY_ID=emulator-backstage AWS_SECRET_ACCESS_KEY=emulator-placeholder
backstage-cli repo start "${configs[@]}" "$@"
