#!/usr/bin/env bash
# Makes sure PostgreSQL answers (starting the machine's server if it is down)
# and that every service's database exists. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
user=${PGUSER:-postgres}

ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }

if have pg_isready && ! ready; then
  if have pg_ctlcluster && [ -d /etc/postgresql ]; then
    say "PostgreSQL is down on $host:$port; starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
  fi
  for _ in $(seq 1 30); do ready && break; sleep 1; done
  ready || die "PostgreSQL does not answer on $host:$port (set DATABASE_URL or PGHOST/PGPORT, or use: docker compose up)"
fi

if have psql; then
  for db in atrest_accounts atrest_features atrest_keys atrest_blobs atrest_replicator; do
    psql -h "$host" -p "$port" -U "$user" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 ||
      psql -h "$host" -p "$port" -U "$user" -d postgres -qc "CREATE DATABASE $db" >/dev/null
  done
fi
say "PostgreSQL ready on $host:$port"
