#!/usr/bin/env bash
# Project tasks: demo, test, lint, shell. Called by the Makefile; see README.
# Everything it needs it sets up itself: Debian packages, a virtualenv from the pinned
# requirements, a PostgreSQL cluster private to the project on loopback.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE=credit_collection
# Bridge addons beside it (auto_install): installed and tested with it.
BRIDGES=credit_collection_stock,spreadsheet_dashboard_credit_collection
ADDONS=$MODULE,$BRIDGES
ODOO_HOME=${ODOO_HOME:-/opt/odoo18}
STATE_DIR=${CC_STATE_DIR:-$ROOT/.local}
CACHE_DIR=${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/credit_collection
PG_PORT=${CC_PG_PORT:-5433}
PG_DATA=${CC_PG_DATA:-/tmp/credit_collection-pg-$PG_PORT}
PG_USER=odoo
HTTP_PORT=${CC_HTTP_PORT:-8069}
TEST_HTTP_PORT=${CC_TEST_HTTP_PORT:-8169}
DEMO_DB=${CC_DEMO_DB:-credit_collection_demo}
TEST_DB=${CC_TEST_DB:-credit_collection_test}
export PATH="/usr/lib/postgresql/15/bin:/usr/sbin:/sbin:$PATH"

die() { # exit status 2, one sentence saying what to do
    echo "ERROR: $*" >&2
    exit 2
}
say() { echo "==> $*"; }

check_odoo() {
    [ -f "$ODOO_HOME/odoo-bin" ] && [ -f "$ODOO_HOME/odoo/release.py" ] ||
        die "No Odoo tree at $ODOO_HOME: set ODOO_HOME to an Odoo 18.0 source tree (the folder holding odoo-bin)."
    grep -qE "^version_info = \(18, 0," "$ODOO_HOME/odoo/release.py" ||
        die "The Odoo tree at $ODOO_HOME is not 18.0: set ODOO_HOME to an Odoo 18.0 source tree."
}

need_debs() { # install the Debian packages whose command is missing
    local missing=() pkg cmd
    for pair in "$@"; do
        pkg=${pair%%:*}
        cmd=${pair#*:}
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        die "Could not install ${missing[*]}: install them with apt-get and run again."
}

pick_python() {
    local candidate
    for candidate in ${PYTHON:-} python3.11 python3.12 python3; do
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys, venv; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 12))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    die "No Python 3.11 or 3.12 with venv found: install python3.11 and python3.11-venv, or set PYTHON."
}

ensure_venv() {
    local python version digest
    python=$(pick_python)
    version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    digest=$(cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" | sha1sum | cut -c1-10)
    VENV=${CC_VENV:-$CACHE_DIR/venv-py$version-$digest}
    if [ ! -f "$VENV/.complete" ]; then
        say "Creating the virtualenv $VENV (pinned requirements)"
        rm -rf "$VENV"
        "$python" -m venv "$VENV"
        "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements-dev.txt" 2>&1 |
            grep -v "is ignored: it is neither" || true
        link_odoo
        "$VENV/bin/python" -c "import odoo, lxml, werkzeug, psycopg2, pytest_odoo, websocket, xlsxwriter, openpyxl, freezegun" ||
            die "The virtualenv $VENV is incomplete: check your access to the package registry and run again."
        touch "$VENV/.complete"
    fi
    link_odoo
    export PATH="$VENV/bin:$PATH"
}

link_odoo() { # Odoo has no setup.py here: make the tree importable through a .pth file
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$ODOO_HOME" >"$site/odoo_home.pth"
}

pg_run() { # run a PostgreSQL server binary as the postgres OS user when we are root
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_taken() { # something already listens on 127.0.0.1:PORT
    python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2).close()
except OSError:
    sys.exit(1)
PY
}

ensure_postgres() {
    need_debs postgresql:/usr/lib/postgresql/15/bin/pg_ctl
    if [ -f "$PG_DATA/postmaster.pid" ] && pg_run pg_ctl -D "$PG_DATA" status >/dev/null 2>&1; then
        return 0
    fi
    port_taken "$PG_PORT" &&
        die "Port $PG_PORT is already taken by another program: stop it or set CC_PG_PORT to a free port."
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
        say "Creating a private PostgreSQL cluster in $PG_DATA (port $PG_PORT, loopback only)"
        mkdir -p "$PG_DATA"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DATA"
        pg_run initdb -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DATA.initdb.log" 2>&1 ||
            die "PostgreSQL could not initialise $PG_DATA (see $PG_DATA.initdb.log): remove that folder or set CC_PG_DATA."
    fi
    say "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
    pg_run pg_ctl -D "$PG_DATA" -w -t 60 -l "$PG_DATA/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null ||
        die "PostgreSQL cannot start (see $PG_DATA/server.log): fix the cause or set CC_PG_DATA to a new folder."
    psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'" | grep -q 1 ||
        psql_admin -qc "CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_USER'"
}

psql_admin() {
    pg_run psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}

db_exists() {
    psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1
}

write_config() { # write_config HTTP_PORT CRON_THREADS NAME [ADDONS_DIR]: the Odoo configuration of one task
    mkdir -p "$STATE_DIR"
    CONFIG=$STATE_DIR/odoo-$3.conf
    cat >"$CONFIG" <<CONF
[options]
addons_path = $ODOO_HOME/odoo/addons,${4:-$ROOT}
data_dir = $STATE_DIR/data
db_host = 127.0.0.1
db_port = $PG_PORT
db_user = $PG_USER
db_password = $PG_USER
admin_passwd = admin
http_interface = 127.0.0.1
http_port = $1
max_cron_threads = ${2:-1}
CONF
}

odoo() {
    python "$ODOO_HOME/odoo-bin" -c "$CONFIG" "$@"
}

odoo_shell() {
    python "$ODOO_HOME/odoo-bin" shell -c "$CONFIG" "$@"
}

setup() {
    check_odoo
    ensure_venv
    ensure_postgres
}

cmd_demo() {
    setup
    need_debs wkhtmltopdf:wkhtmltopdf
    port_taken "$HTTP_PORT" &&
        die "Port $HTTP_PORT is already taken by another program: stop it or set CC_HTTP_PORT to a free port."
    write_config "$HTTP_PORT" 1 demo
    local install=(-u "$MODULE" -i "$BRIDGES")
    if ! db_exists "$DEMO_DB"; then
        say "Creating the demo database $DEMO_DB with $MODULE and its demo data (about a minute)"
        odoo -d "$DEMO_DB" -i "$ADDONS,sale_management" --stop-after-init --log-level=warn ||
            die "Creating the demo database failed (see the log above): fix the cause and run again."
        install=()
    fi
    say "Odoo is starting: open http://localhost:$HTTP_PORT (login admin, password admin); Ctrl+C stops it"
    exec python "$ODOO_HOME/odoo-bin" -c "$CONFIG" -d "$DEMO_DB" --db-filter="^$DEMO_DB\$" "${install[@]}" --log-level=info
}

cmd_test() {
    setup
    need_debs wkhtmltopdf:wkhtmltopdf chromium:chromium poppler-utils:pdftoppm
    python -c "import websocket" 2>/dev/null ||
        die "websocket-client is missing from the virtualenv: browser tests cannot run; remove $VENV and run again."
    port_taken "$TEST_HTTP_PORT" &&
        die "Port $TEST_HTTP_PORT is already taken by another program: stop it or set CC_TEST_HTTP_PORT to a free port."
    write_config "$TEST_HTTP_PORT" 0 test
    local log=$STATE_DIR/test-install.log
    rm -f "$log"
    say "Building a fresh test database $TEST_DB with $MODULE and demo data"
    db_exists "$TEST_DB" && psql_admin -qc "DROP DATABASE \"$TEST_DB\" WITH (FORCE)"
    odoo -d "$TEST_DB" -i "$ADDONS,sale_management" --stop-after-init --log-level=info --logfile="$log" ||
        { tail -n 40 "$log"; die "Installing $MODULE failed (log: $log): fix the cause and run again."; }
    if grep -E " (WARNING|ERROR|CRITICAL) " "$log"; then
        die "Installing $MODULE logged the warnings or errors above (log: $log): fix them."
    fi
    say "Running the test suite (pytest-odoo, browser tests included)"
    cd "$ROOT"
    local status=0
    # test-enable gives Odoo's test-mode behaviour; the never-matching test tag stops
    # Odoo from running every installed module's at_install tests at registry load.
    pytest "$MODULE" ${BRIDGES//,/ } --odoo-config="$CONFIG" --odoo-database="$TEST_DB" --odoo-extra=test-enable \
        --odoo-extra=test-tags=/credit_collection:__registry_load__ \
        --odoo-log-level=warn -p no:cacheprovider "$@" || status=$?
    # pytest exits 5 when no test ran: that is a failure too.
    [ "$status" -eq 5 ] && echo "ERROR: no test ran." >&2
    return "$status"
}

cmd_lint() {
    check_odoo
    ensure_venv
    cd "$ROOT"
    PRE_COMMIT_HOME=$CACHE_DIR/pre-commit pre-commit run --all-files --show-diff-on-failure
}

cmd_i18n() { # export the module's terms to the .pot and merge them into fr.po
    setup
    write_config "$TEST_HTTP_PORT" 0 test
    local db=$TEST_DB addon
    db_exists "$db" || die "No database $db: run 'make test' once first."
    # Reload the module's mail templates (noupdate data) too: their terms are exported.
    pg_run psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" -qc \
        "UPDATE ir_model_data SET noupdate = false WHERE module = '$MODULE' AND model = 'mail.template'"
    odoo -d "$db" -i "$MODULE" --stop-after-init --log-level=warn
    for addon in $MODULE ${BRIDGES//,/ }; do
        mkdir -p "$ROOT/$addon/i18n"
        odoo -d "$db" --modules="$addon" --i18n-export="$ROOT/$addon/i18n/$addon.pot" --stop-after-init --log-level=warn
        python - "$ROOT/$addon/i18n" "$addon" <<'PY'
import sys, polib
i18n, module = sys.argv[1:]
pot = polib.pofile(f"{i18n}/{module}.pot")
try:
    po = polib.pofile(f"{i18n}/fr.po")
except OSError:
    po = polib.POFile()
    po.metadata = dict(pot.metadata, Language="fr", **{"Plural-Forms": "nplurals=2; plural=(n > 1);"})
po.merge(pot)
po.save(f"{i18n}/fr.po")
missing = [e.msgid for e in po if not e.msgstr and not e.obsolete]
print(f"{module} fr.po: {len(po)} terms, {len(missing)} to translate")
PY
    done
}

cmd_uninstall_check() { # on a database with books: update, then uninstall; core still works
    setup
    write_config "$TEST_HTTP_PORT" 0 test
    local db=${TEST_DB}_uninstall log=$STATE_DIR/uninstall-check.log
    rm -f "$log"
    db_exists "$db" && psql_admin -qc "DROP DATABASE \"$db\" WITH (FORCE)"
    say "Installing $MODULE in $db, then a year of a company's books, a run half sent"
    odoo -d "$db" -i "$ADDONS,sale_management" --without-demo=all --stop-after-init --logfile="$log"
    odoo_shell -d "$db" --no-http --logfile="$log" <<'PY'
from datetime import date, timedelta
from odoo import Command
company = env.company
product = env["product.product"].create({"name": "Goods", "list_price": 500.0, "taxes_id": []})
customers = env["res.partner"].create(
    [{"name": f"Customer {i}", "is_company": i % 3 != 0, "email": f"c{i}@example.com"}
     for i in range(30)]
)
customers[:10].with_company(company).write({"credit_limit": 1000.0, "use_partner_credit_limit": True})
customers[10]._credit_put_on_hold("Cheque returned")
invoices = env["account.move"].create([
    {
        "move_type": "out_invoice",
        "partner_id": customer.id,
        "invoice_date": date.today() - timedelta(days=days),
        "invoice_date_due": date.today() - timedelta(days=days - 30),
        "invoice_line_ids": [Command.create({"product_id": product.id, "price_unit": 100.0 * (1 + days % 7), "tax_ids": []})],
    }
    for customer in customers for days in (20, 75, 140, 400)
])
invoices.action_post()
env["account.payment.register"].with_context(
    active_model="account.move", active_ids=invoices[::5].ids
).create({"group_payment": False})._create_payments()
order = env["sale.order"].create({
    "partner_id": customers[20].id,
    "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2})],
})
order.action_confirm()
# The Inventory bridge: a delivery held by a hold, and released.
company.credit_block_deliveries = True
customers[20]._credit_put_on_hold("Disputed delivery")
order.picking_ids.action_credit_release_delivery()
runs = env["credit.dunning.run"].with_company(company)
run = runs._plan_run(company, state="running")
run._send_batch(limit=5)  # half sent, as when a worker stops
runs._plan_run(company)  # a preview
# The collector's desk on the same invoices: a dispute, a promise, an active payment plan, a call.
open_invoices = invoices.filtered(lambda m: m.payment_state == "not_paid")
reason = env.ref("credit_collection.credit_dispute_reason_price")
env["credit.dispute"].create({"partner_id": open_invoices[0].partner_id.id, "reason_id": reason.id,
    "line_ids": [Command.create({"move_id": open_invoices[0].id})]})
env["credit.promise"].create({"partner_id": open_invoices[1].partner_id.id,
    "move_ids": [Command.set(open_invoices[1].ids)], "date_promised": date.today() + timedelta(days=5)})
plan = env["credit.payment.plan"].create({"partner_id": open_invoices[2].partner_id.id,
    "move_ids": [Command.set(open_invoices[2].ids)], "first_date": date.today() + timedelta(days=10)})
plan.action_generate_instalments()
plan.write({"state": "active", "date_start": date.today()})
env["credit.call"].create({"partner_id": open_invoices[3].partner_id.id, "outcome": "reached"})
print(f"data: {len(invoices)} invoices, run {run.name}: {run.sent_count} sent, {run.remaining_count} to send; "
      "a dispute, a promise, a payment plan and a call")
env.cr.commit()
PY
    say "Updating $MODULE, then sale and account, on that data"
    odoo -d "$db" -u "$MODULE" --stop-after-init --logfile="$log"
    odoo -d "$db" -u sale,account --stop-after-init --logfile="$log"
    say "Uninstalling $MODULE"
    odoo_shell -d "$db" --no-http --logfile="$log" <<'PY'
env["ir.module.module"].search([("name", "=", "credit_collection")]).button_immediate_uninstall()
env.cr.commit()
PY
    local addon
    for addon in $MODULE ${BRIDGES//,/ }; do
        psql_admin -d "$db" -tAc "SELECT state FROM ir_module_module WHERE name = '$addon'" | grep -qx uninstalled ||
            die "$addon is still installed in $db (log: $log)."
    done
    say "Confirming an order and posting an invoice without $MODULE"
    odoo_shell -d "$db" --no-http --logfile="$log" <<'PY'
from odoo import Command
customer = env["res.partner"].search([("name", "=", "Customer 1")], limit=1)
company = env.ref("base.main_company")
product = env["product.product"].create({"name": "After uninstall", "list_price": 100.0})
order = env["sale.order"].with_company(company).create({
    "partner_id": customer.id,
    "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
})
order.action_confirm()
invoice = env["account.move"].with_company(company).create({
    "move_type": "out_invoice",
    "partner_id": customer.id,
    "invoice_line_ids": [Command.create({"product_id": product.id, "price_unit": 100.0})],
})
invoice.action_post()
assert (order.state, invoice.state) == ("sale", "posted"), (order.state, invoice.state)
print(f"after uninstall: {order.name} confirmed, {invoice.name} posted")
env.cr.commit()
PY
    if grep -E " (WARNING|ERROR|CRITICAL) " "$log"; then
        die "Updating or uninstalling $MODULE logged the lines above (log: $log): fix them."
    fi
    psql_admin -qc "DROP DATABASE \"$db\" WITH (FORCE)"
    echo "uninstall-check: 1 passed, 0 failed"
}

cmd_upgrade_check() { # a database of the oldest supported release, with books, updated to this code
    setup
    local from db=${TEST_DB}_upgrade log=$STATE_DIR/upgrade-check.log
    local old=$STATE_DIR/upgrade-from state=$STATE_DIR/upgrade-state
    from=$(grep -vE '^\s*(#|$)' "$ROOT/tools/upgrade_from" | head -n 1)
    rm -rf "$old" "$state" "$log"
    mkdir -p "$old" "$state"
    git -C "$ROOT" cat-file -e "$from^{commit}" 2>/dev/null ||
        git -C "$ROOT" fetch -q --unshallow 2>/dev/null || true
    git -C "$ROOT" archive "$from" "$MODULE" | tar -x -C "$old" ||
        die "Cannot read release $from from the repository's history: fetch the full history (git fetch --unshallow) and run again."
    db_exists "$db" && psql_admin -qc "DROP DATABASE \"$db\" WITH (FORCE)"
    write_config "$TEST_HTTP_PORT" 0 upgrade-old "$old"
    say "Installing $MODULE as released at ${from:0:7} in $db, then a year of books"
    odoo -d "$db" -i "$MODULE,sale_management" --without-demo=all --stop-after-init --log-level=warn
    UPGRADE_STEP=load UPGRADE_STATE=$state odoo_shell -d "$db" --no-http --log-level=warn <"$ROOT/tools/upgrade_check.py"
    UPGRADE_STEP=before UPGRADE_STATE=$state odoo_shell -d "$db" --no-http --log-level=warn <"$ROOT/tools/upgrade_check.py"
    write_config "$TEST_HTTP_PORT" 0 upgrade
    say "Updating $MODULE to this code"
    odoo -d "$db" -u "$MODULE" --stop-after-init --log-level=info --logfile="$log" ||
        { tail -n 40 "$log"; die "Updating $MODULE failed (log: $log)."; }
    if grep -E " (WARNING|ERROR|CRITICAL) " "$log"; then
        die "Updating $MODULE logged the warnings or errors above (log: $log): fix them."
    fi
    UPGRADE_STEP=after UPGRADE_STATE=$state odoo_shell -d "$db" --no-http --log-level=warn <"$ROOT/tools/upgrade_check.py"
    UPGRADE_STEP=verify UPGRADE_STATE=$state odoo_shell -d "$db" --no-http --log-level=warn <"$ROOT/tools/upgrade_check.py"
    psql_admin -qc "DROP DATABASE \"$db\" WITH (FORCE)"
}

# Odoo's own tests of what the module overrides: sales, and accounting's posting,
# reconciliation, payment registration and invoice onchanges.
# With the online shop: payments, their accounting and the shop's checkout (orders customers
# place themselves).
CORE_TESTS=/sale,/sale_management,/account:TestAccountMoveReconcile,/account:TestAccountPaymentRegister,/account:TestAccountMoveOutInvoiceOnchanges,/payment,/account_payment,/website_sale
CORE_APPS=sale_management,website_sale
CORE_CREDIT_LIMIT_TESTS=/sale:TestSaleOrderCreditLimit

core_tests() { # core_tests DB TAGS HTTP_PORT LOG: Odoo's post-install tests of TAGS on DB
    odoo -d "$1" --test-tags="$2" --http-port="$3" --stop-after-init --log-level=info --logfile="$4" &
    local pid=$!
    # With the website installed, Odoo can hang at shutdown after its last test (open
    # websockets): once it has logged its result line, it gets 30 seconds to stop by itself.
    while kill -0 "$pid" 2>/dev/null; do
        if grep -q "odoo.tests.result: " "$4" 2>/dev/null; then
            sleep 30
            kill -INT "$pid" 2>/dev/null && sleep 5 && kill -KILL "$pid" 2>/dev/null
            break
        fi
        sleep 10
    done
    wait "$pid" || true
}

cmd_test_core() { # core's tests with and without the module: no new failure allowed
    setup
    need_debs chromium:chromium
    write_config "$TEST_HTTP_PORT" 0 test
    local base=${TEST_DB}_core_base with=${TEST_DB}_core_module dir=$STATE_DIR/test-core
    mkdir -p "$dir"
    rm -f "$dir"/*.log
    for db in "$base" "$with"; do
        db_exists "$db" && psql_admin -qc "DROP DATABASE \"$db\" WITH (FORCE)"
    done
    say "Installing $CORE_APPS, without demo data, in $base (without $MODULE) and $with (with it)"
    odoo -d "$base" -i "$CORE_APPS" --without-demo=all --stop-after-init --log-level=warn &
    odoo -d "$with" -i "$CORE_APPS,$MODULE" --without-demo=all --stop-after-init --log-level=warn
    wait $! || die "Installing $CORE_APPS in $base failed: see the log above."
    say "Running core's tests on both databases side by side (logs in $dir; about 25 minutes with the shop)"
    core_tests "$base" "$CORE_TESTS" $((TEST_HTTP_PORT + 1)) "$dir/without.log" &
    # Core only warns over the credit limit, the module refuses: its credit-limit tests run
    # below with that company setting off, the intentional difference (README).
    core_tests "$with" "$CORE_TESTS,-$CORE_CREDIT_LIMIT_TESTS" $((TEST_HTTP_PORT + 2)) "$dir/with.log"
    odoo_shell -d "$with" --no-http --log-level=warn <<'PY'
env["res.company"].search([]).credit_block_over_limit = False
env["ir.default"].set("res.company", "credit_block_over_limit", False)
env.cr.commit()
PY
    core_tests "$with" "$CORE_CREDIT_LIMIT_TESTS" $((TEST_HTTP_PORT + 2)) "$dir/with-limit-not-blocking.log"
    wait
    python "$ROOT/tools/compare_core_tests.py" "$dir/without.log" "$dir/with.log" "$dir/with-limit-not-blocking.log"
}

cmd_bench() { # bench NAME: run bench/NAME.py on its own database (no demo data), made once
    setup
    local name=${1:?usage: bench NAME}
    local db=${CC_BENCH_DB:-credit_collection_bench}
    write_config "$TEST_HTTP_PORT" 0 bench
    if ! db_exists "$db"; then
        say "Creating the benchmark database $db (no demo data)"
        odoo -d "$db" -i "$MODULE,sale_management" --without-demo=all --stop-after-init --log-level=warn
    else
        odoo -d "$db" -u "$MODULE" --stop-after-init --log-level=warn
    fi
    local extra=()
    if grep -q -- "--baseline-database" "$ROOT/bench/$name.py"; then
        # Two empty databases, with and without this addon, to measure what installing it costs.
        if ! db_exists "$db-baseline"; then
            say "Creating the baseline database $db-baseline (sale_management, no $MODULE)"
            odoo -d "$db-baseline" -i sale_management --without-demo=all --stop-after-init --log-level=warn
        fi
        if ! db_exists "$db-empty"; then
            say "Creating the database $db-empty (sale_management and $MODULE, no data)"
            odoo -d "$db-empty" -i "$MODULE,sale_management" --without-demo=all --stop-after-init --log-level=warn
        else
            odoo -d "$db-empty" -u "$MODULE" --stop-after-init --log-level=warn
        fi
        extra=(--baseline-database "$db-baseline" --empty-database "$db-empty")
    fi
    local status=0
    (cd "$ROOT/bench" && python "$name.py" -c "$CONFIG" -d "$db" "${extra[@]}" ${CC_BENCH_ARGS:-}) || status=$?
    if [ "$name" = statements ] && [ "${CC_BENCH_OCA:-1}" = 1 ]; then
        bench_statements_oca "$db"
    fi
    return $status
}

bench_statements_oca() { # bench_statements_oca DB: OCA's partner_statement on DB's customers (README)
    local db=$1 oca=$STATE_DIR/oca-partner-statement
    if [ ! -d "$oca/odoo/addons/partner_statement" ]; then
        say "Fetching OCA partner_statement 18.0 and its dependencies from PyPI, to compare (not part of $MODULE)"
        rm -rf "$oca" && mkdir -p "$oca/wheels"
        if ! python -m pip download -q --no-deps -d "$oca/wheels" "odoo-addon-partner-statement==18.0.*" \
            "odoo-addon-report_xlsx==18.0.*" "odoo-addon-report_xlsx_helper==18.0.*"; then
            say "OCA partner_statement is not available here: comparison skipped"
            return 0
        fi
        for wheel in "$oca"/wheels/*.whl; do python -m zipfile -e "$wheel" "$oca"; done
    fi
    write_config "$TEST_HTTP_PORT" 0 bench-oca "$ROOT,$oca/odoo/addons"
    if ! db_exists "$db-oca"; then
        say "Copying $db to $db-oca and installing OCA partner_statement there"
        psql_admin -qc "CREATE DATABASE \"$db-oca\" TEMPLATE \"$db\""
        odoo -d "$db-oca" -i partner_statement --stop-after-init --log-level=warn
    fi
    (cd "$ROOT/bench" && python statements_oca.py -c "$CONFIG" -d "$db-oca")
}

cmd_test_odoo_runner() { # the same tests through Odoo's own runner, as runbot and integrators run them
    setup
    need_debs wkhtmltopdf:wkhtmltopdf chromium:chromium poppler-utils:pdftoppm
    write_config "$TEST_HTTP_PORT" 0 test
    local db=${TEST_DB}_runner log=$STATE_DIR/test-odoo-runner.log
    rm -f "$log"
    db_exists "$db" && psql_admin -qc "DROP DATABASE \"$db\" WITH (FORCE)"
    say "Installing $MODULE with demo data in $db and running its tests with odoo-bin --test-enable"
    odoo -d "$db" -i "$ADDONS,sale_management" --test-enable --test-tags "/${ADDONS//,/,/}" \
        --stop-after-init --log-level=test --logfile="$log" || true
    psql_admin -qc "DROP DATABASE \"$db\" WITH (FORCE)"
    # Odoo's closing line: "N failed, N error(s) of N tests when loading database ...".
    local summary
    summary=$(grep -E "odoo.tests.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests" "$log" | tail -n 1)
    [ -n "$summary" ] || die "Odoo's runner reported no test count (log: $log)."
    echo "${summary#*odoo.tests.result: }"
    local ran failed
    ran=$(sed -E 's/.* of ([0-9]+) tests.*/\1/' <<<"$summary")
    failed=$(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error.*/\1 \2/' <<<"$summary")
    [ "$ran" -gt 0 ] && [ "$failed" = "0 0" ] || die "Odoo's runner: failures or no test (log: $log)."
}

cmd_shell() {
    setup
    write_config "$HTTP_PORT" 0 shell
    odoo_shell -d "${1:-$DEMO_DB}" --no-http
}

case "${1:-}" in
demo | test | test_core | test_odoo_runner | lint | i18n | shell | uninstall_check | upgrade_check | bench)
    task=$1
    shift
    "cmd_$task" "$@"
    ;;
*)
    echo "usage: $0 demo|test|test_core|test_odoo_runner|lint|i18n|shell|uninstall_check|upgrade_check|bench [args]" >&2
    exit 2
    ;;
esac
