#!/usr/bin/env bash
# Make sure the local PostgreSQL answers (the test suite runs on it); start the Debian cluster if not.
set -euo pipefail
host="${PGHOST:-127.0.0.1}"; port="${PGPORT:-5432}"
pg_isready -q -h "$host" -p "$port" && exit 0
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  echo "Starting the local PostgreSQL cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 50); do pg_isready -q -h "$host" -p "$port" && exit 0; sleep 0.2; done
fi
echo "PostgreSQL does not answer at $host:$port; install it or set DATABASE_URL to a reachable server." >&2
exit 1
