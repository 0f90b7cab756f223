#!/usr/bin/env bash
# Installs everything the repo needs: Node 22 (see toolchain.sh) and the npm
# workspaces, with native modules compiled for that Node.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$REPO_ROOT"

# Debian packages what npm cannot give: mkdocs for TechDocs' local generator,
# chromium for the browser end-to-end test (never `playwright install`), AWS's
# service models.
apt_install() { # command or file, package, what is lost without it
  command -v "$1" >/dev/null 2>&1 && return 0
  [ -e "$1" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing $2 with apt-get" >&2
    [ -n "${apt_updated:-}" ] || { apt-get update -qq && apt_updated=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "setup: $1 is missing, so $3; install it (apt-get install $2)" >&2
  fi
}
apt_install mkdocs mkdocs "TechDocs cannot build pages locally"
apt_install /usr/share/mkdocs/themes/material mkdocs-material \
  "TechDocs pages are built without the theme its reader expects"
apt_install chromium chromium "the browser end-to-end test cannot run"
# AWS's service models (botocore's data): the emulator checks requests'
# lengths, patterns, enums and ranges against them.
apt_install /usr/lib/python3/dist-packages/botocore/data python3-botocore \
  "the AWS emulator cannot check lengths, patterns, enums and ranges"

stamp="node_modules/.setup-stamp"
want="$(node --version) $(sha1sum package-lock.json | cut -c1-40)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

echo "setup: installing npm workspaces with $(node --version)" >&2
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
