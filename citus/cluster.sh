#!/usr/bin/env bash
# A Citus cluster for Samla on this machine: a coordinator and workers, each a PostgreSQL 15 server with Citus 13.
#
#   citus/cluster.sh start [DIR] [WORKERS=2] [FIRST_PORT=55500]   build Citus (once), start the nodes, and make an
#                                                                 empty database "samla" on every node; one more
#                                                                 node is started but left out of the cluster, a
#                                                                 spare to move a municipality to
#   citus/cluster.sh stop [DIR]                                   stop every node
#
# DIR defaults to target/citus-cluster. Citus is built from its source in ../shared/vendor/citus (or
# $SAMLA_CITUS_VENDOR) into Debian's PostgreSQL 15; that needs root for apt-get and make install, about a minute the
# first time. Each start drops the database and makes it anew, with the roles Samla expects: samla_owner owns the
# tables and runs the migrations, samla_app is what the application connects as (no superuser, no bypass of row-level
# security). The last line printed is the environment to run Samla or its tests against the cluster.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
vendor=${SAMLA_CITUS_VENDOR:-$repo/../shared/vendor/citus}
cmd=${1:-}; dir=${2:-$repo/target/citus-cluster}
workers=${3:-2}; port=${4:-55500}
[ -x "$vendor/citus-cluster.sh" ] || { echo "Citus source not found in $vendor (set SAMLA_CITUS_VENDOR)" >&2; exit 2; }

on() { local p=$1 db=$2; shift 2; PGOPTIONS="-c client_min_messages=warning" psql -h localhost -p "$p" -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }

start() {
  mkdir -p "$dir"
  "$vendor/citus-cluster.sh" stop "$dir" 2>/dev/null || true
  local nodes=$((workers + 1))
  "$vendor/citus-cluster.sh" start "$dir" "$nodes" "$port" >/dev/null
  # a municipality's shards move between workers by logical replication, while its cases keep coming in
  for i in $(seq 0 "$nodes"); do
    local p=$((port + i))
    # Debian's PostgreSQL names the libraries that may decode for logical replication; a shard split uses Citus' own
    if [ -n "$(on "$p" postgres -c "SELECT 1 FROM pg_settings WHERE name = 'output_plugin_libraries'")" ]; then
      on "$p" postgres -c "ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'citus'" >/dev/null
      on "$p" postgres -c "SELECT pg_reload_conf()" >/dev/null
    fi
    if [ "$(on "$p" postgres -c 'SHOW wal_level')" != logical ]; then
      on "$p" postgres -c "ALTER SYSTEM SET wal_level = logical" >/dev/null
      su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D '$dir/node$i' -l '$dir/node$i.log' -w restart >/dev/null"
    fi
  done
  # workers first: the coordinator would otherwise pass its role statements on to nodes that already have the role
  for i in $(seq "$nodes" -1 0); do
    local p=$((port + i))
    on "$p" postgres -c "DROP DATABASE IF EXISTS samla WITH (FORCE)" >/dev/null
    on "$p" postgres <<'SQL' >/dev/null
SET citus.enable_ddl_propagation TO off;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'samla_owner') THEN CREATE ROLE samla_owner LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'samla_app') THEN CREATE ROLE samla_app LOGIN NOSUPERUSER NOBYPASSRLS; END IF;
END $$;
CREATE DATABASE samla OWNER samla_owner ENCODING 'UTF8' TEMPLATE template0;
SQL
    on "$p" samla -c "CREATE EXTENSION citus" >/dev/null
  done
  on "$port" samla -c "SELECT citus_set_coordinator_host('localhost', $port)" >/dev/null
  for i in $(seq 1 "$workers"); do
    on "$port" samla -c "SELECT citus_add_node('localhost', $((port + i)))" >/dev/null
  done
  # psql sessions of an operator pass their SET LOCAL on to the workers as the application does
  on "$port" samla -c "ALTER DATABASE samla SET citus.propagate_set_commands TO 'local'" >/dev/null
  echo "workers: $(on "$port" samla -c 'SELECT count(*) FROM citus_get_active_worker_nodes()')"
  echo "spare node: localhost:$((port + nodes))"
  echo "SAMLA_DB_URL=jdbc:postgresql://localhost:$port/samla SAMLA_DB_USER=samla_app SAMLA_DB_OWNER_USER=samla_owner"
}

case "$cmd" in
  start) start ;;
  stop) "$vendor/citus-cluster.sh" stop "$dir" ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
