from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..common import CreditCollectionTestCommon, create_credit_users


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestCollectionKpis(CreditCollectionTestCommon):
    """DOMAIN.md's count-back example: AR 212k, sales 100k / 80k / 70k."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "KPI Customer"})
        cls.segment = cls.env.ref("credit_collection.credit_risk_segment_b")
        cls.customer.with_company(cls.company).credit_risk_segment_id = cls.segment
        cls.collector = cls.env["res.users"].create({"name": "Collector", "login": "kpi_collector"})
        cls.customer.with_company(cls.company).credit_collector_id = cls.collector
        april = cls._post_invoice(70000.0, "2026-04-15", "2026-05-15")
        may = cls._post_invoice(80000.0, "2026-05-15", "2026-06-14")
        cls._dispute(may)
        cls._post_invoice(100000.0, "2026-06-15", "2026-07-15")
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=april.ids
        ).create({"amount": 38000.0, "payment_date": "2026-06-20"}).action_create_payments()
        cls.kpis = cls.env["credit.kpi"].sudo()._refresh(cls.company)

    @classmethod
    def _dispute(cls, invoice):
        cls.env["credit.dispute"].create(
            {
                "partner_id": invoice.commercial_partner_id.id,
                "reason_id": cls.env.ref("credit_collection.credit_dispute_reason_price").id,
                "line_ids": [Command.create({"move_id": invoice.id})],
            }
        )

    @classmethod
    def _post_invoice(cls, amount, invoice_date, due_date):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": invoice_date,
                "invoice_date_due": due_date,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Sale", "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def _row(self, month, scope="company"):
        return self.kpis.filtered(lambda kpi: kpi.month == month and kpi.scope == scope)

    def test_twelve_months_per_scope(self):
        company_rows = self.kpis.filtered(lambda kpi: kpi.scope == "company")
        self.assertEqual(len(company_rows), 12)
        self.assertEqual(min(company_rows.mapped("month")), date(2025, 7, 1))
        self.assertEqual(len(self.kpis.filtered(lambda kpi: kpi.scope == "salesperson")), 12)

    def test_count_back_dso_worked_example(self):
        june = self._row(date(2026, 6, 1))
        self.assertEqual(june.receivable_end, 212000.0)
        self.assertEqual(june.credit_sales, 100000.0)
        # June 30 days + May 31 days + (212k - 180k) / 70k x April's 30 days
        self.assertAlmostEqual(
            june.dso, 30 + 31 + 32 / 70 * 30, places=1
        )  # stored with one decimal
        self.assertAlmostEqual(june.best_dso, 30.0)  # all of June's sales not yet due
        self.assertAlmostEqual(
            june.average_days_delinquent, 31 + 32 / 70 * 30, places=1
        )  # stored with one decimal

    def test_cei_and_overdue_ratio(self):
        june = self._row(date(2026, 6, 1))
        self.assertEqual(june.receivable_start, 150000.0)
        self.assertEqual(june.receivable_current_end, 100000.0)
        # (150k + 100k - 212k) / (150k + 100k - 100k)
        self.assertAlmostEqual(
            june.collection_effectiveness, 38 / 150 * 100, places=1
        )  # stored with one decimal
        self.assertAlmostEqual(
            june.overdue_ratio, 112 / 212 * 100, places=1
        )  # stored with one decimal

    def test_previous_month_uses_receivables_at_its_end(self):
        may = self._row(date(2026, 5, 1))
        self.assertEqual(may.receivable_end, 150000.0)  # the June payment is not counted yet
        self.assertAlmostEqual(may.dso, 31 + 30.0)
        self.assertAlmostEqual(may.best_dso, 31.0)

    def test_salesperson_rows(self):
        row = self._row(date(2026, 6, 1), scope="salesperson")
        self.assertEqual(row.invoice_user_id, self.env.user)
        self.assertAlmostEqual(row.dso, self._row(date(2026, 6, 1)).dso)

    def test_dispute_rate(self):
        # May: one invoice issued, disputed; June: one invoice, not disputed.
        may, june = self._row(date(2026, 5, 1)), self._row(date(2026, 6, 1))
        self.assertEqual((may.invoice_count, may.disputed_count, may.dispute_rate), (1, 1, 100.0))
        self.assertEqual((june.invoice_count, june.disputed_count, june.dispute_rate), (1, 0, 0.0))

    def test_segment_rows(self):
        row = self._row(date(2026, 6, 1), scope="segment")
        self.assertEqual(row.credit_risk_segment_id, self.segment)
        self.assertFalse(row.invoice_user_id)
        self.assertEqual(row.receivable_end, 212000.0)
        self.assertAlmostEqual(row.dso, self._row(date(2026, 6, 1)).dso)

    def test_collector_rows(self):
        row = self._row(date(2026, 6, 1), scope="collector")
        self.assertEqual(row.credit_collector_id, self.collector)
        self.assertEqual(row.receivable_end, 212000.0)

    def test_refresh_sees_unsaved_invoice_changes(self):
        june_invoice = self.env["account.move"].search(
            [("partner_id", "=", self.customer.id), ("invoice_date", "=", "2026-06-15")]
        )
        self._dispute(june_invoice)
        kpis = self.env["credit.kpi"].sudo()._refresh(self.company)  # no flush in between
        june = kpis.filtered(lambda kpi: kpi.month == date(2026, 6, 1) and kpi.scope == "company")
        self.assertEqual((june.invoice_count, june.disputed_count), (1, 1))

    def test_refresh_is_idempotent(self):
        self.env["credit.kpi"].sudo()._refresh(self.company)
        rows = self.env["credit.kpi"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(rows), 48)

    def test_access(self):
        users = create_credit_users(self.env, self.company)
        controller_rows = self.env["credit.kpi"].with_user(users["controller"]).search([])
        self.assertEqual(len(controller_rows), 48)
        with self.assertRaises(AccessError):
            self.env["credit.kpi"].with_user(users["salesman"]).search([])
        with self.assertRaises(AccessError):
            controller_rows[:1].write({"dso": 0.0})

    def test_one_row_per_company_month_and_scope(self):
        june = self._row(date(2026, 6, 1))
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            june.copy()
