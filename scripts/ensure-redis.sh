#!/usr/bin/env bash
# The JIT and server tests talk to a real Redis (REDIS_URL, default redis://127.0.0.1:6379).
# Checks that it answers PING; starts a local redis-server (memory only) when it does not.
# Exits non-zero with one clear message when no Redis can be reached, instead of letting a
# dozen tests fail one by one.
set -uo pipefail
url=${REDIS_URL:-redis://127.0.0.1:6379}
hostport=${url#*://}
hostport=${hostport#*@}
hostport=${hostport%%/*}
host=${hostport%:*}
port=${hostport##*:}
[ "$port" = "$host" ] && port=6379

ping_redis() {
  # A raw PING over bash's /dev/tcp, so redis-cli need not be installed.
  local reply
  reply=$(timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port && printf 'PING\r\n' >&3 && head -c 5 <&3" 2>/dev/null) || return 1
  [ "${reply%$'\r'}" = "+PONG" ]
}

ping_redis && exit 0

case "$host" in
  127.0.0.1|localhost|::1)
    if command -v redis-server >/dev/null; then
      echo "Redis did not answer at $host:$port; starting redis-server (memory only)."
      redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no >/dev/null
      for _ in $(seq 1 50); do ping_redis && exit 0; sleep 0.1; done
    fi
    ;;
esac

echo "error: the tests need Redis at $host:$port (REDIS_URL), and none answers." >&2
echo "Start one (e.g. 'redis-server --daemonize yes --save \"\"') or set REDIS_URL, then run again." >&2
exit 1
