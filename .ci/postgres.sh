#!/usr/bin/env bash
# Installs (if needed) and starts a throw-away PostgreSQL server for the test
# suites, on 127.0.0.1:${PGPORT:-54329}, trusting local connections.
# Usage: source .ci/postgres.sh  (exports TEST_DATABASE_URL; call pg_stop at the end)
set -euo pipefail
PGPORT="${PGPORT:-54329}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
PGDATA="$(mktemp -d /tmp/khuyenhoc-pg.XXXXXX)"
chown postgres:postgres "$PGDATA"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$PGDATA/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k /tmp -c fsync=off -c max_connections=200" start >/dev/null
runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" khuyenhoc_test
export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$PGPORT/khuyenhoc_test"
pg_stop() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null || true
  rm -rf "$PGDATA"
}
