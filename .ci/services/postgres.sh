# shellcheck shell=bash
# Sourced by scripts/run-tests (make test; as root in CI): a throwaway PostgreSQL cluster on 127.0.0.1 for
# the tests. Installs Debian's server packages if no initdb is present, starts
# the cluster at a free port (scripts/pg-throwaway does the work), exports
# LUOSHI_TEST_PG_URL, and registers its stop in ci_cleanup.

if [ -n "${LUOSHI_TEST_PG_URL:-}" ]; then
  echo "ci: PostgreSQL tests use the given LUOSHI_TEST_PG_URL"
  return 0
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt_install postgresql || return 1
fi

# a free port: bind to port 0 and let the kernel choose
pg_port="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
ci_cleanup+=("bash scripts/pg-throwaway stop $pg_port")
LUOSHI_TEST_PG_URL="$(bash scripts/pg-throwaway start "$pg_port")" || return 1
export LUOSHI_TEST_PG_URL
echo "ci: PostgreSQL $(ls -d /usr/lib/postgresql/*/ | sort -V | tail -n 1 | xargs basename) at $LUOSHI_TEST_PG_URL"
