from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
class TestPostingCost(CreditLimitTestCommon):
    """What posting an invoice costs with the module: nothing more is read per invoice.
    A related field copies its target's ``tracking``: the customer's hold shown on
    invoices and orders would be read for the chatter at every write of them (one
    query and a compute per invoice posted); it is tracked on the customer only."""

    def test_the_hold_is_tracked_on_the_customer_only(self):
        self.assertIn("credit_hold", self.env["res.partner"]._track_get_fields())
        self.assertNotIn("credit_hold", self.env["account.move"]._track_get_fields())
        self.assertNotIn("credit_hold", self.env["sale.order"]._track_get_fields())

    def test_posting_reads_no_hold(self):
        invoice = self._invoice(100.0, "2026-07-31", post=False)
        self.env.flush_all()
        self.env.invalidate_all()
        invoice = invoice.browse(invoice.id)
        invoice.action_post()
        self.env.flush_all()
        # Nothing computed the invoice's hold: it is read when a screen shows it.
        self.assertFalse(self.env.cache.contains(invoice, invoice._fields["credit_hold"]))
