#!/usr/bin/env bash
# The newcomer's first command (`npm run dev`): installs what is missing,
# then starts the frontend on :3000 and the backend on :7007.
set -euo pipefail
bash "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/toolchain.sh"
cd "$REPO_ROOT"
exec backstage-cli repo start "$@"
