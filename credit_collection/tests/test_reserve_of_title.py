from odoo.tests import tagged

from .common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
class TestReserveOfTitle(CreditLimitTestCommon):
    """The clause on the invoices of customers under reserve of title."""

    def _html(self, invoice):
        report = self.env["ir.actions.report"]
        return report._render_qweb_html("account.account_invoices", invoice.ids)[0].decode()

    def test_clause_on_invoices_of_customers_under_reserve_of_title(self):
        plain = self._invoice(100.0, "2026-07-31")
        self.assertNotIn("Reserve of title", self._html(plain))
        self.customer.with_company(self.company).credit_reserve_of_title = True
        reserved = self._invoice(100.0, "2026-07-31")
        self.assertIn(
            "Reserve of title: the goods remain our property until full payment",
            self._html(reserved),
        )
        self.company.credit_reserve_of_title_clause = "Title passes on full payment."
        reserved.invalidate_recordset()
        self.assertIn("Title passes on full payment.", self._html(reserved))

    def test_company_setting_is_the_default_for_new_customers(self):
        self.company.credit_reserve_of_title = True
        customer = self.env["res.partner"].with_company(self.company).create({"name": "New Buyer"})
        self.assertTrue(customer.credit_reserve_of_title)

    def test_clause_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["credit_collection"], ["fr_FR"], overwrite=True
        )
        self.customer.write({"lang": "fr_FR"})
        self.customer.with_company(self.company).credit_reserve_of_title = True
        invoice = self._invoice(100.0, "2026-07-31")
        self.assertIn("Réserve de propriété", self._html(invoice))
