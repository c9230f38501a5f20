from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..common import CreditLimitTestCommon, create_credit_users


class PaidHistoryCommon(CreditLimitTestCommon):
    """A customer with four invoices paid over the last months."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # (amount, due date, paid on): 0, 30, 45 and 0 days late
        for amount, due, paid in (
            (1000.0, "2026-01-10", "2026-01-10"),
            (1000.0, "2026-02-01", "2026-03-03"),
            (2000.0, "2026-04-01", "2026-05-16"),
            (1000.0, "2026-05-01", "2026-05-01"),
        ):
            invoice = cls._invoice(amount, due, invoice_date=cls._days_before(due, 30))
            cls._pay(invoice, amount, paid)

    @staticmethod
    def _days_before(day, days):
        return str(fields.Date.to_date(day) - timedelta(days=days))

    def _score(self, partner=None):
        self.env["credit.score.engine"]._compute_company(self.company)
        return self.env["credit.payment.score"].search(
            [
                ("partner_id", "=", (partner or self.customer).id),
                ("company_id", "=", self.company.id),
            ]
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestPaymentScore(PaidHistoryCommon):
    """The score's factors and total, computed by hand on small histories."""

    def test_factors_and_total(self):
        row = self._score()
        self.assertEqual(row.paid_count, 4)
        # (0 x 1000 + 30 x 1000 + 45 x 2000 + 0 x 1000) / 5000
        self.assertAlmostEqual(row.avg_days_late, 24.0)
        self.assertEqual((row.late_share, row.late30_share), (0.5, 0.25))
        # last 3 months: (45 x 2000 + 0) / 3000; before: 30 x 1000 / 2000
        self.assertEqual((row.recent_days_late, row.earlier_days_late), (30.0, 15.0))
        self.assertEqual(row.relationship_months, 6)  # first invoice 2025-12-11
        self.assertEqual(
            [row[f"points_{factor}"] for factor in ("days_late", "late_share", "late30_share",
                                                    "trend", "relationship")],
            [12.0, 10.0, 3.8, 5.0, 2.5],  # 30 x 24/60, 20 x 0.5, 15 x 0.25, 10 x 15/30, 5 x 6/12
        )  # fmt: skip
        self.assertEqual(row.score, 67)  # 100 - 33.3
        self.assertIn("50 % of invoices paid late (-10 points)", row.explanation)
        self.assertIn(
            "Pays 24 days late on average, weighted by amount (-12 points)", row.explanation
        )
        customer = self.customer.with_company(self.company)
        self.assertEqual(customer.credit_score, 67)

    def test_promises_and_overdue_against_the_limit(self):
        self.customer.with_company(self.company).credit_limit = 1000.0
        overdue = self._invoice(500.0, "2026-06-01")
        for state in ("kept", "broken"):
            self.env["credit.promise"].create(
                {
                    "partner_id": self.customer.id,
                    "move_ids": [Command.set(overdue.ids)],
                    "date_promised": "2026-06-30",
                }
            ).write({"state": state, "date_closed": "2026-06-15"})
        row = self._score()
        self.assertEqual((row.promises_kept, row.promises_due, row.overdue_ratio), (1, 2, 0.5))
        self.assertEqual((row.points_promises, row.points_overdue), (5.0, 5.0))
        self.assertEqual(row.score, 57)  # 100 - 33.3 - 5 - 5 (the new invoice is not paid)
        self.assertIn("1 of 2 promises kept (-5 points)", row.explanation)

    def test_weights_are_company_settings(self):
        self.company.credit_score_weight_late_share = 40
        self.assertEqual(self._score().points_late_share, 20.0)

    def test_not_enough_history(self):
        newcomer = self.env["res.partner"].create({"name": "Newcomer", "is_company": True})
        self._pay(self._invoice(300.0, "2026-06-01", partner=newcomer), 300.0, "2026-06-10")
        row = self._score(newcomer)
        self.assertEqual((row.enough_history, row.paid_count), (False, 1))
        self.assertTrue(row.explanation.startswith("Not enough history: 1 paid invoices"))
        self.assertFalse(newcomer.with_company(self.company).credit_score_enough_history)

    def test_salesperson_reads_the_score_not_writes_it(self):
        salesman = create_credit_users(self.env, self.company)["salesman"]
        self._score()
        customer = self.customer.with_user(salesman).with_company(self.company)
        self.assertEqual(customer.credit_score, 67)
        self.assertIn("paid late", customer.credit_score_explanation)
        row = self.env["credit.payment.score"].with_user(salesman).search([])[:1]
        with self.assertRaises(AccessError):
            row.score = 100

    def test_queries_do_not_grow_with_customers(self):
        def queries():
            self._score()  # the same work again: warm caches
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.env["credit.score.engine"]._compute_company(self.company)
            return self.env.cr.sql_log_count - before

        with_one = queries()
        for index in range(10):
            other = self.env["res.partner"].create({"name": f"Payer {index}", "is_company": True})
            for day in ("2026-03-01", "2026-04-01", "2026-05-01"):  # enough history: scored
                self._pay(self._invoice(100.0, day, partner=other), 100.0, day)
        self.assertEqual(queries(), with_one)

    def test_explanation_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["credit_collection"], ["fr_FR"], overwrite=True
        )
        row = self._score().with_context(lang="fr_FR")
        self.assertIn("50 % des factures payées en retard (-10 points)", row.explanation)
        self.assertIn("Paie avec 24 jours de retard en moyenne", row.explanation)

    def test_credit_managers_edit_the_weights(self):
        users = create_credit_users(self.env, self.company)
        wizard = self.env["credit.score.weights"].with_user(users["manager"]).create({})
        self.assertEqual(wizard.credit_score_weight_days_late, 30)
        wizard.credit_score_weight_days_late = 40
        wizard.action_save()
        self.assertEqual(self.company.credit_score_weight_days_late, 40)
        self.assertEqual(self._score().points_days_late, 16.0)  # 40 x 24 / 60
        with self.assertRaises(AccessError):
            self.env["credit.score.weights"].with_user(users["controller"]).create({})
        wizard = self.env["credit.score.weights"].with_user(users["manager"]).create({})
        for name, value in (("credit_score_weight_trend", 150), ("credit_score_months", 0)):
            with self.assertRaises(ValidationError):
                wizard.write({name: value})
                wizard.action_save()
        # Another company, set on the wizard through RPC (it is read-only in the form only).
        other = self.env["res.company"].create({"name": "Not Mine"})
        wizard.company_id = other
        with self.assertRaises(AccessError):
            wizard.action_save()
        self.assertEqual(other.credit_score_weight_days_late, 30)
