"""Shared helpers of the benchmarks: arguments, an Odoo environment, invoices copied in SQL."""

import argparse
import contextlib
from contextlib import closing

import odoo
from odoo import SUPERUSER_ID, api, sql_db
from odoo.tools import SQL


def parse_args(description, baseline=False):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True)
    if baseline:
        parser.add_argument(
            "--baseline-database", required=True, help="empty, the same addons without ours"
        )
        parser.add_argument("--empty-database", required=True, help="empty, with credit_collection")
        parser.add_argument(
            "--skip-posting", action="store_true", help="skip the (long) posting scenario"
        )
        parser.add_argument(
            "--profile", type=int, default=0, help="posting.py: profile posting N invoices a side"
        )
    return parser.parse_args()


@contextlib.contextmanager
def odoo_env(args, database=None):
    database = database or args.database
    if not odoo.tools.config.get("db_name"):  # Odoo parses its configuration once per process
        odoo.tools.config.parse_config(["-c", args.config, "-d", database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})


def table_columns(env, table):
    """The columns of ``table`` but ``id``, in table order."""
    env.cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
            table,
        )
    )
    return [row[0] for row in env.cr.fetchall()]


def copy_rows(env, table, source, overrides):
    """Copy the rows ``source`` selects (as ``src``) into ``table``.

    ``source`` is the SQL from ``FROM`` on; ``overrides`` maps a column to the
    SQL expression that replaces ``src.<column>``.
    """
    columns = table_columns(env, table)
    values = [
        overrides[column] if column in overrides else SQL.identifier("src", column)
        for column in columns
    ]
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(values),
            source,
        )
    )


def copy_invoice(env, template, count, prefix, *, move_overrides=None, line_overrides=None):
    """``count`` copies of the posted invoice ``template``, named ``prefix`` + n, with
    their journal items; ``line_overrides`` may read the copy's header as ``move``."""
    copy_rows(
        env,
        "account_move",
        SQL(
            "FROM account_move src, generate_series(1, %s) g WHERE src.id = %s", count, template.id
        ),
        {
            "name": SQL("%s || g", prefix),
            "sequence_number": SQL("g + 1000"),
            **(move_overrides or {}),
        },
    )
    # the planner must know the new moves, or it nests loops over them
    env.cr.execute("ANALYZE account_move")
    copy_rows(
        env,
        "account_move_line",
        SQL(
            "FROM account_move_line src JOIN account_move move ON move.name LIKE %s"
            " WHERE src.move_id = %s",
            prefix + "%",
            template.id,
        ),
        {"move_id": SQL("move.id"), **(line_overrides or {})},
    )
    env.cr.execute("ANALYZE account_move; ANALYZE account_move_line")


def spread_over(partner_ids):
    """SQL picking the partner of copy ``g`` in turn among ``partner_ids``."""
    return SQL("(%s::int[])[1 + mod(g, %s)]", partner_ids, len(partner_ids))


def due_date_of_copy():
    """A copied journal item's due date: its copy's, on the lines that have one."""
    return SQL("CASE WHEN src.date_maturity IS NULL THEN NULL ELSE move.invoice_date_due END")


def vacuum(database, tables):
    """Clean the dead rows earlier runs (rolled back, or a scheduled action) left in
    ``tables``, as autovacuum does in production, so that the figures repeat."""
    with closing(sql_db.db_connect(database).cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(f"VACUUM ANALYZE {', '.join(tables)}")
