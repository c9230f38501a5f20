from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from ..common import CreditLimitTestCommon, create_credit_users


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestWorklist(CreditLimitTestCommon):
    """One row per customer to work today, ranked by points then overdue x days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.big = cls.customer
        cls._invoice(10000.0, "2026-05-31")  # 30 days late: 300,000 amount x days
        cls.small = cls.env["res.partner"].create({"name": "Small Late", "is_company": True})
        cls.small_invoice = cls._invoice(100.0, "2026-06-20", partner=cls.small)  # 1,000
        cls.promised = cls.env["res.partner"].create({"name": "Promised", "is_company": True})
        cls.promised_invoice = cls._invoice(700.0, "2026-06-10", partner=cls.promised)
        cls.env["credit.promise"].create(
            {
                "partner_id": cls.promised.id,
                "move_ids": [Command.set(cls.promised_invoice.ids)],
                "date_promised": "2026-07-15",
            }
        )

    def _rows(self):
        self.env.invalidate_all()  # a new request each time in the web client
        rows = self.env["credit.worklist"].search([("company_id", "=", self.company.id)])
        return rows.filtered(lambda r: r.partner_id in (self.big | self.small | self.promised))

    def test_ranking_and_reasons(self):
        rows = self._rows()
        self.assertEqual(rows.partner_id, self.big | self.small)  # the promise pauses it
        self.assertEqual(rows[0].partner_id, self.big)
        self.assertEqual(
            (rows[0].amount_days, rows[0].days_overdue, rows[0].priority), (300000, 30, 0)
        )
        self.assertIn("10 days", rows[1].reason)
        with freeze_time("2026-07-20"):  # the promise is broken: it comes first
            self.env["credit.promise"]._cron_check_promises()
            rows = self._rows()
            self.assertEqual(rows[0].partner_id, self.promised)
            self.assertEqual(rows[0].priority, 50)
            self.assertTrue(rows[0].reason.startswith("Broken promise"))
            call = self.env["credit.call"].create(
                {"partner_id": self.promised.id, "outcome": "no_answer"}
            )
            self.env.flush_all()
            with freeze_time("2026-07-21"):
                rows = self._rows()
                self.assertFalse(
                    rows.filtered(lambda r: r.partner_id == self.promised).broken_promise
                )
            self.assertTrue(call)

    def test_promise_due_today_and_idle_dispute(self):
        with freeze_time("2026-07-15"):
            row = self._rows().filtered(lambda r: r.partner_id == self.promised)
            self.assertEqual((row.promise_due, row.priority, row.overdue_amount), (True, 20, 0.0))
        self.env["credit.dispute"].create(
            {
                "partner_id": self.small.id,
                "reason_id": self.env.ref("credit_collection.credit_dispute_reason_price").id,
                "line_ids": [Command.create({"move_id": self.small_invoice.id})],
            }
        )
        with freeze_time("2026-07-07"):  # all it owes is disputed: nothing to call about yet
            self.assertNotIn(self.small, self._rows().partner_id)
        with freeze_time("2026-07-08"):
            row = self._rows().filtered(lambda r: r.partner_id == self.small)
            self.assertEqual((row.dispute_idle, row.overdue_amount), (True, 0.0))
            self.assertEqual(row.reason, "Dispute with no action for 7 days")

    def test_mine_filter_and_one_screen(self):
        controller = create_credit_users(self.env, self.company)["controller"]
        self.big.with_company(self.company).credit_collector_id = controller
        worklist = self.env["credit.worklist"].with_user(controller)
        mine = worklist.search([("collector_id", "=", controller.id)])
        self.assertEqual(mine.partner_id, self.big)
        self.assertEqual(len(mine.open_invoice_ids), 1)
        action = mine.action_log_call()
        self.assertEqual(action["context"]["default_partner_id"], self.big.id)

    def test_queries_do_not_grow_with_customers(self):
        # What the list view reads: one run of the worklist query, then the names.
        view_fields = [
            "priority", "partner_id", "overdue_amount", "days_overdue", "collector_id",
            "customer_replied", "broken_promise", "instalment_missed", "notice_expired", "promise_due",
            "dispute_idle", "company_id",
        ]  # fmt: skip

        def read_page():
            self.env.invalidate_all()
            rows = self.env["credit.worklist"].search_fetch([], view_fields)
            rows.mapped("reason")
            rows.partner_id.mapped("display_name")

        read_page()
        with self.assertQueryCount(7):
            read_page()
        for index in range(20):
            late = self.env["res.partner"].create({"name": f"Late {index}", "is_company": True})
            self._invoice(50.0 + index, "2026-06-01", partner=late)
        read_page()  # flushes the new invoices
        with self.assertQueryCount(7):
            read_page()

    def test_one_row_per_company_in_company_currency(self):
        euro, usd = self.env.ref("base.EUR"), self.env.ref("base.USD")
        company = self.setup_other_company(name="Worklist Euro", currency_id=euro.id)["company"]
        self.env["res.currency.rate"].create(
            {"name": "2026-01-01", "currency_id": usd.id, "rate": 1.08, "company_id": company.id}
        )
        self.env.user.company_ids = [Command.link(company.id)]
        self._invoice(1080.0, "2026-06-20", company=company, currency_id=usd.id)  # 10 days
        self.env.invalidate_all()
        rows = (
            self.env["credit.worklist"]
            .with_context(allowed_company_ids=[self.company.id, company.id])
            .search([("partner_id", "=", self.big.id)])
        )
        self.assertEqual(
            {(row.company_id, row.overdue_amount, row.days_overdue) for row in rows},
            {(self.company, 10000.0, 30), (company, 1000.0, 10)},
        )
        only_first = (
            self.env["credit.worklist"]
            .with_context(allowed_company_ids=self.company.ids)
            .search([("partner_id", "=", self.big.id)])
        )
        self.assertEqual(only_first.company_id, self.company)  # the companies selected
