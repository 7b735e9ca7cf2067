#!/usr/bin/env bash
# Compiles apps/ and libs/ with swc into dist/ (path aliases rewritten by .swcrc):
# node dist/apps/<app>/src/main.js runs a service.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
npx swc apps libs -d dist --ignore '**/*.spec.ts' --quiet
