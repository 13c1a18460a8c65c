#!/bin/sh
# Runs a local Odoo 17.0 or 18.0 (a public source checkout, never part of this repository) with
# the addons (livechat_chatbot_bridge and its CRM glue livechat_chatbot_bridge_crm) on its addons
# path, on loopback only. See DEVELOPERS.md.
#
#   scripts/odoo-dev.sh start 17|18      serve the database odoo17/odoo18 (port 18069/18169)
#   scripts/odoo-dev.sh stop 17|18
#   scripts/odoo-dev.sh install 17|18    create the database if needed, install or update the addons
#   scripts/odoo-dev.sh test 17|18       run the addons' Python tests (Odoo's test runner)
#   scripts/odoo-dev.sh conformance 17|18   run tests/conformance against the running server
#   scripts/odoo-dev.sh export 17|18     Odoo's own translation template of the module (installed
#                                        in the database), written to /tmp/livechat_chatbot_bridge-17|18.pot
#
# Environment: ODOO_HOME (default ~/odoo: checkouts in $ODOO_HOME/17.0 and $ODOO_HOME/18.0,
# logs and pid files in $ODOO_HOME/logs and $ODOO_HOME/run), PGPORT (default 5433), PGUSER /
# PGPASSWORD (default odoo/odoo), PYTHON (default /usr/bin/python3).
set -eu

ACTION=${1:?action: start|stop|install|test|conformance}
VERSION=${2:?version: 17|18}
ODOO_HOME=${ODOO_HOME:-$HOME/odoo}
PGPORT=${PGPORT:-5433}
PGUSER=${PGUSER:-odoo}
PGPASSWORD=${PGPASSWORD:-odoo}
PYTHON=${PYTHON:-/usr/bin/python3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=odoo$VERSION
PORT=$((18069 + (VERSION - 17) * 100))
TREE=$ODOO_HOME/$VERSION.0
MODULES=livechat_chatbot_bridge,livechat_chatbot_bridge_crm
mkdir -p "$ODOO_HOME/logs" "$ODOO_HOME/run"

odoo() {
  # Replaces the calling (sub)shell, so that a background job's pid is Odoo's own.
  # 17.0 ships odoo-bin; the 18.0 copy is started through its package.
  if [ -f "$TREE/odoo-bin" ]; then
    exec "$PYTHON" "$TREE/odoo-bin" "$@"
  else
    exec "$PYTHON" -c "import sys; sys.path.insert(0, '$TREE'); sys.argv[0] = 'odoo'; import odoo; odoo.cli.main()" "$@"
  fi
}

common() {
  echo --db_host=127.0.0.1 --db_port="$PGPORT" --db_user="$PGUSER" --db_password="$PGPASSWORD" \
    --http-interface=127.0.0.1 --workers=0 -d "$DB" --db-filter="^$DB\$" \
    --addons-path="$TREE/odoo/addons,$ROOT/addon" --data-dir="$ODOO_HOME/data$VERSION"
}

case $ACTION in
  start)
    # shellcheck disable=SC2046
    (odoo $(common) --http-port="$PORT" --gevent-port=$((PORT + 3))) >"$ODOO_HOME/logs/run$VERSION.log" 2>&1 &
    echo $! >"$ODOO_HOME/run/odoo$VERSION.pid"
    for _ in $(seq 60); do
      if curl -fs -o /dev/null "http://127.0.0.1:$PORT/web/login"; then echo "Odoo $VERSION.0 on http://127.0.0.1:$PORT (database $DB)"; exit 0; fi
      sleep 1
    done
    echo "Odoo $VERSION.0 did not answer; see $ODOO_HOME/logs/run$VERSION.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$ODOO_HOME/run/odoo$VERSION.pid" ]; then
      PID=$(cat "$ODOO_HOME/run/odoo$VERSION.pid")
      kill "$PID" 2>/dev/null || true
      # Odoo shuts down gracefully on SIGTERM: wait for it, then insist
      for _ in $(seq 20); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
      kill -9 "$PID" 2>/dev/null || true
      rm -f "$ODOO_HOME/run/odoo$VERSION.pid"
    fi
    ;;
  install)
    # shellcheck disable=SC2046
    (odoo $(common) --http-port=$((PORT + 10)) --gevent-port=$((PORT + 13)) --without-demo= \
      -i "im_livechat,crm_livechat,website_livechat,$MODULES" -u "$MODULES" \
      --stop-after-init) >"$ODOO_HOME/logs/install$VERSION.log" 2>&1
    grep -E " (WARNING|ERROR|CRITICAL) " "$ODOO_HOME/logs/install$VERSION.log" || echo "installed without warnings"
    ;;
  test)
    # shellcheck disable=SC2046
    (odoo $(common) --http-port=$((PORT + 10)) --gevent-port=$((PORT + 13)) -u "$MODULES" \
      --test-enable --test-tags=/livechat_chatbot_bridge,/livechat_chatbot_bridge_crm --stop-after-init) >"$ODOO_HOME/logs/test$VERSION.log" 2>&1
    grep -E "odoo.tests.(result|stats)|FAIL:|ERROR:" "$ODOO_HOME/logs/test$VERSION.log"
    ;;
  export)
    # shellcheck disable=SC2046
    (odoo $(common) --http-port=$((PORT + 10)) --gevent-port=$((PORT + 13)) \
      --i18n-export="/tmp/livechat_chatbot_bridge-$VERSION.pot" --modules=livechat_chatbot_bridge \
      --stop-after-init) >"$ODOO_HOME/logs/export$VERSION.log" 2>&1
    echo "/tmp/livechat_chatbot_bridge-$VERSION.pot"
    ;;
  conformance)
    cd "$ROOT"
    # Marc Demo (demo/demo) is an operator of the demo live chat channel
    OPERATOR_LOGIN=${OPERATOR_LOGIN:-demo} OPERATOR_PASSWORD=${OPERATOR_PASSWORD:-demo} \
      BASE_URL="http://127.0.0.1:$PORT" ODOO_DB="$DB" CONFORMANCE_DB_NAME="$DB" npm test -- conformance
    ;;
  *)
    echo "unknown action $ACTION" >&2
    exit 2
    ;;
esac
