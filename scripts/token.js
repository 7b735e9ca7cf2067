#!/usr/bin/env node
/**
 * npm run --silent token -- <subscriptionId>... [--operator] [--ttl 1h] [--subject name]
 *
 * Prints a bearer token for the management plane, and only the token (so
 * `TOKEN=$(npm run --silent token -- <sub>)` works). The code is the
 * gateway's own (apps/api-gateway/src/auth/token.cli.ts), run from dist/:
 * built here first when dist/ is missing, with the build's output on stderr.
 * Runs from the repository root, so it shares .atrest/dev-ca with `npm start`.
 */
'use strict';

const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'apps', 'api-gateway', 'src', 'auth', 'token.cli.js');

process.chdir(ROOT);
if (!existsSync(CLI)) {
  process.stderr.write('atrest token: building dist/ first (bash scripts/build.sh)\n');
  execFileSync('bash', [path.join(ROOT, 'scripts', 'build.sh')], { stdio: ['ignore', process.stderr, process.stderr] });
}
require(CLI)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
