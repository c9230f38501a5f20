from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestDefaultDueDate(CreditLimitTestCommon):
    """Without agreed terms, payment is due 30 days after receipt of the goods or the
    service (Commercial Code L441-10 I al. 1): not on the invoice's own date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.country_id = cls.env.ref("base.fr")

    def _draft(self, partner=None, **values):
        return self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (partner or self.customer).id,
                "invoice_date": "2026-06-10",
                "invoice_line_ids": [
                    Command.create({"name": "Goods", "price_unit": 1000.0, "tax_ids": []})
                ],
                **values,
            }
        )

    def test_invoice_without_term_falls_due_thirty_days_later(self):
        invoice = self._draft()
        invoice.action_post()
        # 10 June + 30 days = 10 July: the receivable line follows, so do dunning and interest.
        self.assertEqual(str(invoice.invoice_date_due), "2026-07-10")
        receivable = invoice.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        self.assertEqual(str(receivable.date_maturity), "2026-07-10")
        self.assertFalse(invoice.credit_due_date_warning)

    def test_from_the_delivery_date_when_there_is_one(self):
        invoice = self._draft(delivery_date="2026-06-01")
        invoice.action_post()
        self.assertEqual(str(invoice.invoice_date_due), "2026-07-01")  # 1 June + 30 days

    def test_agreed_terms_and_other_customers_are_left_alone(self):
        agreed = self._draft(invoice_date_due="2026-06-25")  # set by hand: agreed otherwise
        term = self._draft(
            invoice_payment_term_id=self.env.ref("account.account_payment_term_immediate").id
        )
        abroad = self._draft(
            partner=self.env["res.partner"].create({"name": "Abroad Ltd", "is_company": True})
        )
        (agreed | term | abroad).action_post()
        self.assertEqual(
            [str(m.invoice_date_due) for m in (agreed, term, abroad)],
            ["2026-06-25", "2026-06-10", str(abroad.invoice_date_due)],
        )
        self.assertLess(str(abroad.invoice_date_due), "2026-07-10")  # core's own due date
        self.company.credit_default_payment_days = 0  # the company keeps core's behaviour
        invoice = self._draft()
        invoice.action_post()
        self.assertLess(str(invoice.invoice_date_due), "2026-07-10")
