"""Dunning over several cron workers: the 50,000-invoice run sent by one cron worker, then two.

    make bench-dunning-workers   (or: python bench/dunning_workers.py -c ODOO_CONF -d DATABASE)

The dataset is bench/dunning.py's (made if missing). For each case, a copy of
the benchmark database gets today's run of the benchmark company planned and
left to send, with every other scheduled action switched off. Then a real Odoo
server runs on the copy (``odoo-bin --workers=1 --no-http --max-cron-threads=N``:
N cron worker processes), the dunning actions are triggered, and the wall time is
taken until the run is done; with two workers, the planning before it is added to give
the whole run. Then counted in the copy: communications e-mailed
more than once (duplicates) and communications never handled (lost). Exits 1 on
any duplicate or lost communication.
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import closing

from common import odoo_env, parse_args
from dunning import ensure_dataset

from odoo import fields, sql_db
from odoo.tools import SQL

SENDING_CRONS = ("credit_collection.ir_cron_dunning_run", "credit_collection.ir_cron_dunning_send")
CASES = (1, 2)  # cron workers
APP_NAME = "bench-dunning-workers"  # the server's PostgreSQL application name
TIMEOUT = 900
WHOLE_RUN_TARGET = 25.0  # seconds, issue 15


def admin_cursor(database="postgres"):
    cr = sql_db.db_connect(database).cursor()
    cr._cnx.autocommit = True
    return cr


def copy_database(source, copy):
    sql_db.close_db(source)
    with closing(admin_cursor()) as cr:
        cr.execute(SQL("DROP DATABASE IF EXISTS %s WITH (FORCE)", SQL.identifier(copy)))
        cr.execute(
            SQL("CREATE DATABASE %s TEMPLATE %s", SQL.identifier(copy), SQL.identifier(source))
        )


def drop_database(database):
    sql_db.close_db(database)
    with closing(admin_cursor()) as cr:
        cr.execute(SQL("DROP DATABASE IF EXISTS %s WITH (FORCE)", SQL.identifier(database)))


def prepare(env, company):
    """Today's run of ``company`` left to send; the other companies' runs of today
    done; the sending actions due only when triggered; every other action off."""
    levels = env["credit.dunning.policy"]._default_for(company).level_ids
    levels.write({"attach_letter": False, "attach_invoices": False})  # no PDF, as bench-dunning
    # the workers send whatever the hour and day the benchmark runs at
    company.write(
        {"credit_sending_hour_from": 0.0, "credit_sending_hour_to": 24.0,
         "credit_sending_weekends": True}
    )  # fmt: skip
    runs = env["credit.dunning.run"]
    for other in env["res.company"].search([("id", "!=", company.id)]):
        runs.with_company(other).create({"company_id": other.id, "state": "done"})
    start = time.perf_counter()
    run = runs.with_company(company)._plan_run(company, state="running")
    planned = time.perf_counter() - start
    crons = [env.ref(xmlid) for xmlid in SENDING_CRONS]
    env["ir.cron"].search([("id", "not in", [cron.id for cron in crons])]).active = False
    for cron in crons:
        cron.write({"active": True, "nextcall": fields.Datetime.add(fields.Datetime.now(), days=1)})
    return run.id, len(run.communication_ids), planned


def wait_for_cron_workers(count, database):
    """Each cron worker connects to the 'postgres' database to LISTEN for triggers."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with closing(admin_cursor()) as cr:
            cr.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = 'postgres' AND application_name LIKE %s",
                [f"{APP_NAME}-%"],
            )
            if cr.fetchone()[0] >= count:
                return
        time.sleep(0.5)
    raise SystemExit(f"The cron workers of {database} did not start: see its log.")


def trigger(env):
    for xmlid in SENDING_CRONS:
        env.ref(xmlid)._trigger()
    env.cr.commit()  # the workers are notified at commit


def wait_until_done(database, run_id):
    with closing(admin_cursor(database)) as cr:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            cr.execute("SELECT state FROM credit_dunning_run WHERE id = %s", [run_id])
            if cr.fetchone()[0] == "done":
                return True
            time.sleep(0.25)
    return False


def count_outcome(database, run_id):
    """(states by count, duplicates, lost) of the run's communications."""
    with closing(admin_cursor(database)) as cr:
        cr.execute(
            "SELECT state, count(*) FROM credit_dunning_communication"
            " WHERE run_id = %s GROUP BY state",
            [run_id],
        )
        states = dict(cr.fetchall())
        cr.execute(
            """
            SELECT count(*) FILTER (WHERE mails > 1),
                   count(*) FILTER (WHERE communication.state = 'draft'
                                       OR (level.channel = 'email' AND communication.state = 'sent'
                                           AND mails = 0))
              FROM credit_dunning_communication communication
              JOIN credit_dunning_level level ON level.id = communication.level_id
         LEFT JOIN LATERAL (SELECT count(*) AS mails
                              FROM mail_mail mail
                              JOIN mail_message message ON message.id = mail.mail_message_id
                             WHERE message.model = 'credit.dunning.communication'
                               AND message.res_id = communication.id) sent ON true
             WHERE communication.run_id = %s
            """,
            [run_id],
        )
        duplicates, lost = cr.fetchone()
    return states, duplicates, lost


def run_case(args, company_id, workers):
    database = f"{args.database}-workers"
    copy_database(args.database, database)
    with odoo_env(args, database) as env:
        run_id, planned_count, planned = prepare(env, env["res.company"].browse(company_id))
        env.cr.commit()
    print(f"{workers} cron worker(s): {planned_count:,} communications planned in {planned:.1f} s")
    log = os.path.join(
        os.path.dirname(os.path.abspath(args.config)), f"bench-workers-{workers}.log"
    )
    stderr = open(f"{log}.stderr", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            sys.executable,
            os.path.join(os.environ.get("ODOO_HOME", "/opt/odoo18"), "odoo-bin"),
            "-c", args.config,
            "-d", database,
            f"--db-filter=^{database}$",
            "--workers=1",  # the multi-process server, whose cron workers are processes
            "--no-http",  # cron workers only
            f"--max-cron-threads={workers}",
            "--limit-time-real-cron=0",
            "--log-level=warn",
            f"--logfile={log}",
        ],
        stderr=stderr,
        env=dict(os.environ, ODOO_PGAPPNAME=f"{APP_NAME}-{{pid}}"),
    )  # fmt: skip
    try:
        wait_for_cron_workers(workers, database)
        with odoo_env(args, database) as env:
            start = time.perf_counter()
            trigger(env)
        done = wait_until_done(database, run_id)
        elapsed = time.perf_counter() - start
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        stderr.close()
    states, duplicates, lost = count_outcome(database, run_id)
    drop_database(database)
    print(
        f"  sent in {elapsed:.1f} s{'' if done else ' (NOT DONE: timed out)'}: "
        + ", ".join(f"{count:,} {state}" for state, count in sorted(states.items()))
        + f"; duplicates {duplicates}, lost {lost}  (log: {log})",
        flush=True,
    )
    return elapsed, done and not duplicates and not lost, planned


def main():
    args = parse_args(__doc__.splitlines()[0])
    with odoo_env(args) as env:
        company_id = ensure_dataset(env).id
        env.cr.commit()
    results = {workers: run_case(args, company_id, workers) for workers in CASES}
    (one, one_ok, _planned), (two, two_ok, planned) = results[1], results[2]
    print(f"speed-up with two cron workers: {one / two:.2f}x ({one:.1f} s -> {two:.1f} s)")
    print(
        f"whole run on two cron workers (planning + sending): {planned + two:.1f} s "
        f"(target {WHOLE_RUN_TARGET:.0f} s)"
    )
    raise SystemExit(0 if one_ok and two_ok else 1)


if __name__ == "__main__":
    main()
