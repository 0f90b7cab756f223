#!/usr/bin/env bash
# Installs everything the repo needs: Node 22 (see toolchain.sh) and the npm
# workspaces, with native modules compiled for that Node.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$REPO_ROOT"

# TechDocs' local generator runs mkdocs; Debian packages it.
if ! command -v mkdocs >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing mkdocs with apt-get" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mkdocs >/dev/null
  else
    echo "setup: mkdocs is missing, so TechDocs cannot build pages locally; install it (apt-get install mkdocs)" >&2
  fi
fi

stamp="node_modules/.setup-stamp"
want="$(node --version) $(sha1sum package-lock.json | cut -c1-40)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

echo "setup: installing npm workspaces with $(node --version)" >&2
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
