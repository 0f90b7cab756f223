#!/usr/bin/env bash
# Runs a command with the project's Node on PATH: `bash scripts/run.sh tsc`.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$REPO_ROOT"
exec "$@"
