import importlib.util
import unittest
from pathlib import Path

from odoo import Command
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.modules.registry import Registry
from odoo.tests import new_test_user, tagged
from odoo.tests.common import get_db_name
from odoo.tools import SQL

DEMO_COMPANY = "credit_collection.demo_company_fr"


def needs_demo_data(test_class):
    """Tag a test class that works on the module's demo data (``credit_collection_demo``)
    and skip it on a database installed without demo data."""
    set_up_class = test_class.setUpClass.__func__

    @classmethod
    def setUpClass(cls):
        module, name = DEMO_COMPANY.split(".")
        with Registry(get_db_name()).cursor() as cr:
            cr.execute(
                "SELECT 1 FROM ir_model_data WHERE module = %s AND name = %s", [module, name]
            )
            if not cr.rowcount:
                raise unittest.SkipTest("needs the credit_collection demo data")
        set_up_class(cls)

    test_class.setUpClass = setUpClass
    return tagged("post_install", "-at_install", "credit_collection_demo")(test_class)


def always_send(companies):
    """Let dunning e-mails of ``companies`` leave at any hour, any day."""
    companies.write(
        {"credit_sending_hour_from": 0.0, "credit_sending_hour_to": 24.0,
         "credit_sending_weekends": True}
    )  # fmt: skip


def create_credit_users(env, company):
    """Users of each role the addon knows, all working in ``company``."""
    common = {"company_id": company.id, "company_ids": [company.id]}
    return {
        "manager": new_test_user(
            env, login="cc_manager", groups="credit_collection.group_credit_manager", **common
        ),
        "controller": new_test_user(
            env, login="cc_controller", groups="credit_collection.group_credit_controller", **common
        ),
        "salesman": new_test_user(
            env, login="cc_salesman", groups="sales_team.group_sale_salesman", **common
        ),
    }


def copy_posted_invoice(env, invoice, count):
    """``count`` copies of the posted ``invoice`` and its journal items, written in
    SQL (as the benchmarks do): a customer with years of history in a second."""
    env.flush_all()

    def copied(table):
        env.cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name NOT IN ('id', 'name', 'move_id')",
            [table],
        )
        columns = [column for (column,) in env.cr.fetchall()]
        return (
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(SQL.identifier("src", column) for column in columns),
        )

    names, sources = copied("account_move")
    env.cr.execute(
        SQL(
            "INSERT INTO account_move (name, %s) SELECT src.name || '/' || g, %s"
            " FROM account_move src, generate_series(1, %s) g WHERE src.id = %s",
            names, sources, count, invoice.id,
        )
    )  # fmt: skip
    names, sources = copied("account_move_line")
    env.cr.execute(
        SQL(
            "INSERT INTO account_move_line (name, move_id, %s) SELECT src.name, copy.id, %s"
            " FROM account_move_line src JOIN account_move copy ON copy.name LIKE %s"
            " WHERE src.move_id = %s",
            names, sources, invoice.name + "/%", invoice.id,
        )
    )  # fmt: skip
    env.invalidate_all()


class CreditCollectionTestCommon(AccountTestInvoicingCommon):
    """Accounting test company, with the test user made a credit manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.env.user.groups_id = [
            Command.link(cls.env.ref("credit_collection.group_credit_manager").id)
        ]
        # Tests freeze days at midnight: reminders may leave at any hour, any day
        # (test_sending_hours tests the company's hours).
        always_send(cls.env["res.company"].search([]))

    def _planned(self, *attributes):
        """Today's dunning plan of the company: {invoice id: its planned level id},
        or (level id, *``attributes``) of its planned line when some are named."""
        plan = self.env["credit.dunning.planner"]._plan(self.company)
        return {
            line.move_id: (
                (line.level_id, *(getattr(line, name) for name in attributes))
                if attributes
                else line.level_id
            )
            for step in plan
            for line in step.invoices
        }

    def _report_html(self, report, records):
        """The HTML rendering of ``report`` (an xml id) for ``records``: what its PDF shows."""
        return self.env["ir.actions.report"]._render_qweb_html(report, records.ids)[0].decode()


class CreditLimitTestCommon(CreditCollectionTestCommon):
    """A customer, its contact, and helpers to give it invoices and orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Limit Customer", "is_company": True})
        cls.contact = cls.env["res.partner"].create(
            {"name": "Buyer", "parent_id": cls.customer.id, "type": "contact"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Crate", "list_price": 100.0, "taxes_id": [], "invoice_policy": "order"}
        )

    @classmethod
    def _invoice(
        cls, amount, due_date, partner=None, post=True, *, move_type="out_invoice", **extra
    ):
        company = extra.pop("company", cls.company)
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": (partner or cls.customer).id,
                    "invoice_date": extra.pop("invoice_date", "2026-05-01"),
                    "invoice_date_due": due_date,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Goods", "quantity": 1, "price_unit": amount, "tax_ids": []}
                        )
                    ],
                    **extra,
                }
            )
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _quotation(cls, quantity, partner=None, *, price=100.0, taxes=None, user=None):
        return cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "user_id": (user or cls.env.user).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": quantity,
                            "price_unit": price,
                            "tax_id": [Command.set((taxes or cls.env["account.tax"]).ids)],
                        }
                    )
                ],
            }
        )

    @classmethod
    def _pay(cls, invoice, amount, payment_date="2026-06-30"):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount, "payment_date": payment_date}).action_create_payments()


class EmailReminderTestCommon(CreditLimitTestCommon):
    """The customer has an e-mail address and a collector (a credit controller), the
    firm level goes by e-mail, and an invoice is 10 days late: a friendly reminder is due."""

    @classmethod
    def default_env_context(cls):
        return {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls.customer.email = "accounts@limit-customer.example.com"
        cls.customer.with_company(cls.company).credit_collector_id = cls.users["controller"]
        cls.env.ref("credit_collection.credit_dunning_level_firm").channel = "email"
        cls.invoice = cls._invoice(300.0, "2026-06-20")


def run_migration(env, version, from_version, step="post"):
    """Run ``migrations/<version>/<step>-migrate.py`` as an update from ``from_version`` would."""
    path = Path(__file__).parents[1] / "migrations" / version / f"{step}-migrate.py"
    spec = importlib.util.spec_from_file_location(f"{step}_migrate", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    migration.migrate(env.cr, from_version)
    env.invalidate_all()
