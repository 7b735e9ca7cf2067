#!/usr/bin/env bash
# npm start: the whole system on this machine, in the foreground.
#   npm dependencies -> PostgreSQL (machine's server, service databases) ->
#   local Kafka (KRaft, 127.0.0.1:9092) -> build -> scripts/run-system.js,
#   which runs the six apps until Ctrl-C. Kafka keeps running afterwards
#   (npm run kafka:stop). Without Java 17+/Maven: docker compose up.
# Per-app settings and overrides (DATABASE_URL, <APP>_PORT, ...): see scripts/run-system.js.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules

if ! have_java_toolchain; then
  echo "atrest: npm start needs Java 17+ and Maven for the local Kafka broker; install them, or run everything in containers with: docker compose up" >&2
  exit 1
fi

bash scripts/postgres.sh
bash infra/kafka/kafka.sh start

say "building"
bash scripts/build.sh

# exec: the runner gets Ctrl-C/SIGTERM directly and its exit code is ours.
exec node scripts/run-system.js
