#!/usr/bin/env bash
# Installs everything the repo needs: Node 22 (see toolchain.sh) and the npm
# workspaces, with native modules compiled for that Node.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$REPO_ROOT"

stamp="node_modules/.setup-stamp"
want="$(node --version) $(sha1sum package-lock.json | cut -c1-40)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

echo "setup: installing npm workspaces with $(node --version)" >&2
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
