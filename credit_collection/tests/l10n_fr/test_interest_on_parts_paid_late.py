from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestInterestOnPartsPaidLate(CreditLimitTestCommon):
    """A letter claims interest on what is still owed and on each part paid late, up to
    the day it was paid (L441-10): a partial payment after the due date does not erase
    the interest it owed. What a penalty invoice already billed is shown, not claimed twice."""

    def _line(self, invoice):
        plan = self.env["credit.dunning.planner"]._plan(
            self.company, run_date=fields.Date.to_date("2026-06-30")
        )
        step = next(step for step in plan if step.partner_id == self.customer.id)
        self.assertTrue(step.include_penalties)  # 60 days late: the level claims them
        return next(line for line in step.invoices if line.move_id == invoice.id)

    def test_part_paid_late_still_owes_its_interest(self):
        invoice = self._invoice(1000.0, "2026-05-01", invoice_date="2026-04-01")
        self._pay(invoice, 600.0, payment_date="2026-05-11")  # 10 days late
        line = self._line(invoice)
        # 400 still owed x 12.15 % (H1 2026) x 60 / 365 = 7.989
        # + 600 paid 10 days late x 12.15 % x 10 / 365 = 1.997; 9.986 -> 9.99
        # (the unpaid balance alone would claim 7.99).
        self.assertEqual((line.residual, line.interest, line.indemnity), (400.0, 9.99, 40.0))

    def test_a_credit_note_owes_no_interest(self):
        invoice = self._invoice(1000.0, "2026-05-01", invoice_date="2026-04-01")
        refund = self._invoice(
            600.0, "2026-05-11", move_type="out_refund", invoice_date="2026-05-11", post=True
        )
        (invoice.line_ids | refund.line_ids).filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()
        # Only the 400 still owed: 400 x 12.15 % x 60 / 365 = 7.99.
        self.assertEqual(self._line(invoice).interest, 7.99)

    def test_billed_interest_is_not_claimed_again(self):
        invoice = self._invoice(1000.0, "2026-05-01", invoice_date="2026-04-01")
        self._pay(invoice, 600.0, payment_date="2026-05-11")
        row = self.env["credit.late.payment"].search([("move_id", "=", invoice.id)])
        # The report bills the part paid late: 600 x 12.15 % x 10 / 365 = 2.00, and the 40.00.
        self.assertEqual((row.interest_amount, row.indemnity_amount), (2.0, 40.0))
        row.action_create_penalty_invoices()
        line = self._line(invoice)
        # The letter restates 9.99 and 40.00 in all, of which 2.00 + 40.00 already invoiced.
        self.assertEqual((line.interest, line.indemnity, line.invoiced), (9.99, 40.0, 42.0))
