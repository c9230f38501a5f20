"""Shared helpers of the benchmarks: open an Odoo environment, time a block."""

import argparse
import contextlib

import odoo
from odoo import SUPERUSER_ID, api


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
    return parser.parse_args()


@contextlib.contextmanager
def odoo_env(args, database=None):
    database = database or args.database
    if not odoo.tools.config.get("db_name"):  # Odoo parses its configuration once per process
        odoo.tools.config.parse_config(["-c", args.config, "-d", database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})
