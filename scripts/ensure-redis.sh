#!/usr/bin/env bash
# Make sure Redis answers at REDIS_URL (default local); start a local redis-server if one is
# installed and none answers. Used by `make run`, `make test` and CI.
set -euo pipefail
url="${REDIS_URL:-redis://127.0.0.1:6379/0}"
hostport="${url#*://}"; hostport="${hostport##*@}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$host" ] && port=6379

answers() { python3 - "$host" "$port" <<'PY'
import socket, sys
try:
    with socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1) as s:
        s.sendall(b"PING\r\n"); sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
except OSError:
    sys.exit(1)
PY
}

answers && exit 0
if ! command -v redis-server >/dev/null; then
  echo "Redis does not answer at $host:$port and redis-server is not installed (apt-get install redis-server)." >&2
  exit 1
fi
case "$host" in 127.*|localhost) ;; *) echo "Redis at $host:$port does not answer; not starting a remote one." >&2; exit 1;; esac
echo "Starting a local redis-server on port $port"
dir=/var/lib/redis; [ -w "$dir" ] || dir="${TMPDIR:-/tmp}"
log=/var/log/redis/ci.log; [ -w "$(dirname "$log")" ] || log="$dir/redis-$port.log"
redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" --appendonly no --dir "$dir" --logfile "$log"
for _ in $(seq 1 50); do answers && exit 0; sleep 0.1; done
echo "redis-server did not start; see $log" >&2; exit 1
