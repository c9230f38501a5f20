from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestPublicBuyer(CreditLimitTestCommon):
    """A French public buyer owes interest at the ECB rate of the half-year in which it
    starts plus 8 points, fixed for the whole delay (R2192-31), and the 40 euros
    (D2192-35), instead of the Commercial Code's rate half-year by half-year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.town = cls.env["res.partner"].create(
            {
                "name": "Mairie de Lyon",
                "is_company": True,
                "country_id": cls.env.ref("base.fr").id,
                "company_registry": "216901231",  # a commune: SIREN starting with 2
            }
        )

    def _row(self, invoice):
        return self.env["credit.late.payment"].search([("move_id", "=", invoice.id)])

    def test_proposed_from_the_siren(self):
        self.assertTrue(self.town.credit_public_buyer)
        company = self.env["res.partner"].create(
            {"name": "Dupont SA", "is_company": True, "country_id": self.env.ref("base.fr").id,
             "company_registry": "552100554"}
        )  # fmt: skip
        self.assertFalse(company.credit_public_buyer)

    def test_rate_fixed_at_the_half_year_where_interest_starts(self):
        # Due 15 June 2025, paid 14 August 2025: interest starts on 16 June, in H1 2025 (ECB
        # 3.15 %): 11.15 % for all 60 days (15 in June, 45 in H2 2025, whose ECB rate is 2.15 %).
        invoice = self._invoice(10000.0, "2025-06-15", partner=self.town, invoice_date="2025-05-15")
        self._pay(invoice, 10000.0, payment_date="2025-08-14")
        row = self._row(invoice)
        # 10,000 x 11.15 % x 60 / 365 = 183.29 (half-year by half-year it would be 170.96);
        # and the 40.00 of D2192-35.
        self.assertEqual(
            (row.days_late, row.interest_amount, row.indemnity_amount), (60, 183.29, 40.0)
        )
        # A company owes the Commercial Code's rate of each half-year: 15 days at 13.15 % and
        # 45 days at 12.15 %: 54.04 + 149.79 = 203.84 (203.836 before rounding).
        company = self.env["res.partner"].create({"name": "Négoce SA", "is_company": True})
        private = self._invoice(10000.0, "2025-06-15", partner=company, invoice_date="2025-05-15")
        self._pay(private, 10000.0, payment_date="2025-08-14")
        self.assertEqual(self._row(private).interest_amount, 203.84)

    def test_dunning_letter_claims_the_public_rate(self):
        self._invoice(10000.0, "2025-06-15", partner=self.town, invoice_date="2025-05-15")
        plan = self.env["credit.dunning.planner"]._plan(
            self.company, run_date=fields.Date.to_date("2025-08-14")
        )
        step = next(step for step in plan if step.partner_id == self.town.id)
        line = step.invoices[0]
        self.assertTrue(step.include_penalties)  # 60 days late: the formal notice claims them
        self.assertEqual((line.interest, line.indemnity), (183.29, 40.0))

    def test_invoice_mentions_cite_the_public_procurement_code(self):
        self.company.credit_invoice_legal_mentions = True
        invoice = self._invoice(1000.0, "2026-07-30", partner=self.town, invoice_date="2026-06-30")
        self.assertIn(
            "plus 8 points (Public Procurement Code, R2192-31)", invoice.credit_legal_mentions
        )
        self.assertIn("L2192-13, R2192-31 and D2192-35", invoice.credit_legal_mentions)
