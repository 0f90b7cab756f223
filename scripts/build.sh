#!/usr/bin/env bash
# `npm run build`: the production artifacts, as Backstage's host build makes
# them. The app's bundle (packages/app/dist, served by the backend's app
# plugin), then the backend's bundle.tar.gz and skeleton.tar.gz
# (packages/backend/dist) with every workspace package it uses built.
# docs/deployment.md shows how they become an image and run.
set -euo pipefail
bash "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/toolchain.sh"
cd "$REPO_ROOT"

(cd packages/app && backstage-cli package build \
  --config ../../app-config.yaml --config ../../app-config.production.yaml)
node scripts/build-backend.cjs
ls -l packages/backend/dist
