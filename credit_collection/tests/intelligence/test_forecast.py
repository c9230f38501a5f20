import io
from datetime import date, timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestForecast(CreditLimitTestCommon):
    """Predicted payment dates and their fall-backs, the 13-week forecast where
    plans and promises override predictions, its back-test and its workbook."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.segment = cls.env.ref("credit_collection.credit_risk_segment_b")
        cls.customer.with_company(cls.company).credit_risk_segment_id = cls.segment
        # four paid invoices of 1,000 to 2,000 (medium size): 0, 30, 45 and 0 days late
        for amount, due, paid in (
            (1000.0, "2026-01-10", "2026-01-10"),
            (1000.0, "2026-02-01", "2026-03-03"),
            (2000.0, "2026-04-01", "2026-05-16"),
            (1000.0, "2026-05-01", "2026-05-01"),
        ):
            cls._pay(cls._invoice(amount, due, invoice_date="2025-12-11"), amount, paid)

    def _compute(self):
        self.env["credit.score.engine"]._compute_company(self.company)
        self.env.invalidate_all()

    def _forecast(self):
        self.env.invalidate_all()
        lines = self.env["credit.forecast.line"].search([("company_id", "=", self.company.id)])
        return lines

    def test_predicted_dates_and_their_basis(self):
        medium = self._invoice(1500.0, "2026-07-10")
        small = self._invoice(200.0, "2026-07-10")
        in_segment = self.env["res.partner"].create({"name": "Segment Peer", "is_company": True})
        in_segment.with_company(self.company).credit_risk_segment_id = self.segment
        peer_invoice = self._invoice(300.0, "2026-07-10", partner=in_segment)
        stranger = self.env["res.partner"].create({"name": "Stranger", "is_company": True})
        stranger_invoice = self._invoice(300.0, "2026-07-10", partner=stranger)
        self.assertEqual(
            (str(medium.credit_predicted_date), medium.credit_predicted_basis),
            ("2026-07-10", "No payment history yet: the due date"),
        )
        self._compute()
        # median of 0, 0, 30, 45 days late: 15
        expected = {
            medium: "Customer pays 15 days late (median) over 4 invoices of similar size",
            small: "Customer pays 15 days late (median) over 4 invoices",
            peer_invoice: "Customers of its risk segment pay 15 days late (median) over 4 invoices",
            stranger_invoice: "The company's customers pay 15 days late (median) over 4 invoices",
        }
        for invoice, basis in expected.items():
            self.assertEqual(
                (str(invoice.credit_predicted_date), invoice.credit_predicted_basis),
                ("2026-07-25", basis),
            )
        self._pay(small, 200.0)  # paid: nothing more to predict
        self.assertEqual(
            (small.credit_predicted_date, small.credit_predicted_basis), (False, False)
        )

    def test_plans_and_promises_take_precedence_and_risk_is_apart(self):
        self._compute()
        self._invoice(1500.0, "2026-07-10")  # predicted 2026-07-25
        self._invoice(600.0, "2026-05-01")  # predicted 2026-05-16, past: expected today
        promised = self._invoice(800.0, "2026-06-20")
        self.env["credit.promise"].create(
            {"partner_id": self.customer.id, "move_ids": [Command.set(promised.ids)],
             "date_promised": "2026-07-08"}
        )  # fmt: skip
        planned = self._invoice(900.0, "2026-06-01")
        plan = self.env["credit.payment.plan"].create(
            {"partner_id": self.customer.id, "move_ids": [Command.set(planned.ids)],
             "instalment_count": 3, "first_date": "2026-07-15"}
        )  # fmt: skip
        plan.action_generate_instalments()
        plan.action_activate()
        insolvent = self.env["res.partner"].create(
            {"name": "Insolvent", "is_company": True, "credit_insolvency": True}
        )
        self._invoice(400.0, "2026-07-01", partner=insolvent)
        lines = self._forecast()
        by_source = {}
        for line in lines.filtered(lambda line: not line.at_risk):
            by_source.setdefault(line.source, []).append((str(line.expected_date), line.amount))
        self.assertEqual(
            {source: sorted(rows) for source, rows in by_source.items()},
            {
                "prediction": [("2026-06-30", 600.0), ("2026-07-25", 1500.0)],
                "promise": [("2026-07-08", 800.0)],
                "plan": [("2026-07-15", 300.0), ("2026-08-15", 300.0), ("2026-09-15", 300.0)],
            },
        )
        risky = lines.filtered("at_risk")
        self.assertEqual((risky.risk, risky.amount), ("insolvency", 400.0))

    def test_back_test(self):
        early = self._invoice(1000.0, "2026-06-05", invoice_date="2026-05-05")
        late = self._invoice(500.0, "2026-06-01", invoice_date="2026-05-01")
        self._compute()  # both predicted 15 days after their due date: week of 06-16
        self._pay(early, 1000.0, "2026-06-10")  # collected a week earlier
        self._pay(late, 500.0, "2026-06-17")  # collected as forecast
        forecast, collected, error = self.env["credit.forecast.line"]._backtest(self.company)
        self.assertEqual((forecast, collected), (1500.0, 1500.0))
        self.assertAlmostEqual(error, 133.3, places=1)  # (1,000 + 1,000) / 1,500

    def test_workbook(self):
        self._compute()
        self._invoice(1500.0, "2026-07-10")
        content = self.env["credit.forecast.xlsx"].build_workbook(self.company)
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(workbook.sheetnames, ["By Week", "By Month"])
        rows = list(workbook["By Week"].iter_rows(min_row=2, values_only=True))
        # 13 weeks starting on the language's first day (Sunday in en_US); the invoice
        # predicted on 2026-07-25 in the week of 07-19, the other weeks at 0
        self.assertEqual(len(rows), 13)
        self.assertEqual((rows[0][0].date(), rows[-1][0].date()),
                         (date(2026, 6, 28), date(2026, 9, 20)))  # fmt: skip
        self.assertEqual(rows[3], (rows[3][0], 0, 0, 1500, 1500, 0))
        self.assertEqual(rows[3][0].date(), date(2026, 7, 19))
        self.assertEqual(sum(row[4] for row in rows), 1500)
        months = list(workbook["By Month"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(months[0][0].date(), date(2026, 7, 1))

    def test_ageing_groups_by_predicted_week(self):
        self._compute()
        invoice = self._invoice(1500.0, "2026-07-10")
        self.env.invalidate_all()
        line = self.env["credit.ageing.line"].search([("move_id", "=", invoice.id)])
        self.assertEqual(str(line.predicted_date), "2026-07-25")
        groups = self.env["credit.ageing.line"]._read_group(
            [("move_id", "=", invoice.id)], ["predicted_date:week"], ["amount_residual:sum"]
        )
        self.assertEqual([(str(week), amount) for week, amount in groups], [("2026-07-19", 1500.0)])

    def test_every_week_of_the_horizon_is_a_group(self):
        self._compute()
        self._invoice(1500.0, "2026-07-10")  # expected 2026-07-25
        self._invoice(600.0, "2026-05-01")  # expected today
        lines = self.env["credit.forecast.line"]
        for lang, first_day in (("en_US", date(2026, 6, 28)), ("fr_FR", date(2026, 6, 29))):
            self.env["res.lang"]._activate_lang(lang)
            by_lang = lines.with_context(lang=lang)
            for lazy in (True, False):  # a graph's axis, a pivot's row headers
                groups = by_lang.read_group(
                    [("company_id", "=", self.company.id)], ["amount:sum"],
                    ["expected_date:week"], lazy=lazy,
                )  # fmt: skip
                self.assertEqual(len(groups), 13, (lang, lazy))
                self.assertEqual(
                    [group["amount"] for group in groups],
                    [600.0, 0.0, 0.0, 1500.0] + [0.0] * 9,
                )
            # the weeks the pivot shows, starting on the language's first day
            self.assertEqual(by_lang._horizon(), (first_day, first_day + timedelta(weeks=13)))
        # grouped by week then source (a stacked graph), the empty weeks are there too
        groups = lines.with_context(fill_temporal=True).read_group(
            [("company_id", "=", self.company.id)], ["amount:sum"],
            ["expected_date:week", "source"], lazy=False,
        )  # fmt: skip
        self.assertEqual(len({group["expected_date:week"] for group in groups}), 13)
