from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..common import CreditLimitTestCommon

INVOICE_REPORT = "account.account_invoices"


@tagged("post_install", "-at_install")
class TestReserveOfTitle(CreditLimitTestCommon):
    """The clause on the invoices of customers under reserve of title."""

    def test_clause_on_invoices_of_customers_under_reserve_of_title(self):
        plain = self._invoice(100.0, "2026-07-31")
        self.assertNotIn("Reserve of title", self._report_html(INVOICE_REPORT, plain))
        self.customer.with_company(self.company).credit_reserve_of_title = True
        reserved = self._invoice(100.0, "2026-07-31")
        self.assertIn(
            "Reserve of title: the goods remain our property until full payment",
            self._report_html(INVOICE_REPORT, reserved),
        )
        self.company.credit_reserve_of_title_clause = "Title passes on full payment."
        reserved.invalidate_recordset()
        self.assertIn("Title passes on full payment.", self._report_html(INVOICE_REPORT, reserved))

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
        self.assertIn("Réserve de propriété", self._report_html(INVOICE_REPORT, invoice))

    def test_clause_on_quotations_and_order_confirmations(self):
        plain = self._quotation(1)
        html = self._sale_html(plain)
        self.assertNotIn("Reserve of title", html)
        self.customer.with_company(self.company).credit_reserve_of_title = True
        quotation = self._quotation(1)
        self.assertIn("Reserve of title: the goods remain our property", self._sale_html(quotation))
        quotation.action_confirm()
        self.assertIn("Reserve of title: the goods remain our property", self._sale_html(quotation))

    def _sale_html(self, order):
        report = self.env["ir.actions.report"]
        return report._render_qweb_html("sale.action_report_saleorder", order.ids)[0].decode()

    def test_goods_still_under_reserve(self):
        customer = self.customer.with_company(self.company)
        customer.credit_reserve_of_title = True
        service = self.env["product.product"].create({"name": "Installation", "type": "service"})
        goods = self.env["product.product"].create({"name": "Steel Gate", "type": "consu"})
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": "2026-06-01",
                "invoice_line_ids": [
                    Command.create({"product_id": goods.id, "quantity": 2, "price_unit": 300.0,
                                    "tax_ids": []}),
                    Command.create({"product_id": service.id, "quantity": 1, "price_unit": 400.0,
                                    "tax_ids": []}),
                ],
            }
        )  # fmt: skip
        invoice.action_post()
        self._pay(invoice, 500.0)  # 500 of 1,000 paid: half of each line is unpaid
        paid = self._invoice(100.0, "2026-07-31")
        self._pay(paid, 100.0)
        reserved = self.env["credit.reserved.goods"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(reserved.move_id, invoice)  # the paid invoice and the service are out
        self.assertEqual(reserved.product_id, goods)
        self.assertEqual((reserved.amount_total, reserved.amount_unpaid), (600.0, 300.0))
        action = customer.action_credit_reserved_goods()
        self.assertEqual(self.env["credit.reserved.goods"].search(action["domain"]), reserved)
        # A customer not under reserve of title has none.
        customer.credit_reserve_of_title = False
        self.assertFalse(
            self.env["credit.reserved.goods"].search([("partner_id", "=", self.customer.id)])
        )

    def test_salesperson_cannot_read_goods_under_reserve(self):
        salesman = new_test_user(
            self.env, login="cc_rot_sales", groups="sales_team.group_sale_salesman"
        )
        with self.assertRaises(AccessError):
            self.env["credit.reserved.goods"].with_user(salesman).search([])
