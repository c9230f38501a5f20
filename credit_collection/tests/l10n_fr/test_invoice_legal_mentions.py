from freezegun import freeze_time

from odoo.tests import tagged

from ..common import CreditLimitTestCommon

INVOICE_REPORT = "account.account_invoices"


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestInvoiceLegalMentions(CreditLimitTestCommon):
    """L441-9: penalty rate, recovery indemnity and early-payment terms on invoices."""

    def test_on_by_default_for_french_companies_only(self):
        french = self.env["res.company"].create(
            {"name": "Société Française", "country_id": self.env.ref("base.fr").id}
        )
        self.assertTrue(french.credit_invoice_legal_mentions)
        self.assertFalse(self.company.credit_invoice_legal_mentions)  # the test company: US

    def test_mentions_printed_on_invoices_to_professionals(self):
        self.company.credit_invoice_legal_mentions = True
        invoice = self._invoice(100.0, "2026-07-31", invoice_date="2026-06-15")
        html = self._report_html(INVOICE_REPORT, invoice)
        for expected in (
            # The rule, then H1 2026's figure: ECB 2.15 % + 10 points
            "late-payment interest at the European Central Bank",
            "refinancing rate in force on 1 January or 1 July of each half-year of the delay, "
            "plus 10.00 points (for the half-year starting 01/01/2026: 2.15 % + 10.00 = 12.15 % "
            "a year)",
            "fixed indemnity of $\xa040.00 for recovery costs",
            "L441-10 and D441-5",
            "No discount for early payment.",
        ):
            self.assertIn(expected, html)

    def test_agreed_rate_and_early_discount(self):
        self.company.credit_invoice_legal_mentions = True
        self.customer.with_company(self.company).credit_contractual_interest_rate = 5.0
        term = self.env["account.payment.term"].create(
            {
                "name": "30 days, 2 % within 10 days",
                "early_discount": True,
                "discount_percentage": 2.0,
                "discount_days": 10,
                "line_ids": [(0, 0, {"value": "percent", "value_amount": 100.0, "nb_days": 30})],
            }
        )
        invoice = self._invoice(
            100.0, "2026-07-31", invoice_date="2026-06-15", invoice_payment_term_id=term.id
        )
        html = self._report_html(INVOICE_REPORT, invoice)
        # 5 % agreed, raised to three times the legal rate of H1 2026 (3 x 2.62 %).
        self.assertIn("7.86 % a year (agreed rate", html)
        self.assertIn("Early payment discount: 2.0 % for payment within 10 days.", html)

    def test_not_printed_for_individuals_nor_when_switched_off(self):
        person = self.env["res.partner"].create({"name": "Jean Dupont"})
        self.company.credit_invoice_legal_mentions = True
        invoice = self._invoice(100.0, "2026-07-31", partner=person)
        self.assertNotIn("L441-10", self._report_html(INVOICE_REPORT, invoice))
        self.company.credit_invoice_legal_mentions = False
        professional = self._invoice(100.0, "2026-07-31")
        self.assertNotIn("L441-10", self._report_html(INVOICE_REPORT, professional))
