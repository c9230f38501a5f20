from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestLatePayment(CreditLimitTestCommon):
    """Invoices paid late still owe interest up to each payment and the indemnity."""

    def _row(self, invoice):
        return self.env["credit.late.payment"].search([("move_id", "=", invoice.id)])

    def test_invoice_paid_twenty_days_late(self):
        invoice = self._invoice(1000.0, "2026-05-01", invoice_date="2026-04-01")
        self._pay(invoice, 1000.0, payment_date="2026-05-21")
        row = self._row(invoice)
        # 1,000 x 12.15 % (H1 2026) x 20 / 365 = 6.66, and the indemnity.
        self.assertEqual(
            (row.days_late, row.amount_paid_late, row.interest_amount, row.indemnity_amount),
            (20, 1000.0, 6.66, 40.0),
        )
        self.assertEqual(row.amount_to_invoice, 46.66)
        action = row.action_create_penalty_invoices()
        penalty = self.env["account.move"].search(action["domain"])
        self.assertEqual(penalty.partner_id, self.customer)
        self.assertEqual(penalty.invoice_line_ids.mapped("price_subtotal"), [6.66, 40.0])
        self.assertTrue(penalty.credit_penalty_invoice)
        # Listed again: already invoiced, nothing left to bill.
        row.invalidate_recordset()
        self.assertEqual((row.invoiced_amount, row.amount_to_invoice), (46.66, 0.0))
        with self.assertRaisesRegex(UserError, "Nothing to invoice"):
            row.action_create_penalty_invoices()
        self.assertFalse(self._row(penalty))  # a penalty invoice is never charged penalties

    def test_partial_payments_count_per_part(self):
        invoice = self._invoice(1000.0, "2026-05-01", invoice_date="2026-04-01")
        self._pay(invoice, 600.0, payment_date="2026-05-11")  # 10 days late
        self._pay(invoice, 400.0, payment_date="2026-05-31")  # 30 days late
        row = self._row(invoice)
        # 600 x 12.15 % x 10 / 365 + 400 x 12.15 % x 30 / 365 = 2.00 + 3.99
        self.assertEqual((row.days_late, row.interest_amount), (30, 5.99))

    def _credit_note(self, invoice, amount, date):
        refund = self._invoice(amount, date, move_type="out_refund", invoice_date=date, post=True)
        (invoice.line_ids | refund.line_ids).filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()
        return refund

    def test_credit_notes_are_not_late_payments(self):
        # Due 31 March; 400.00 credited on 30 April, 600.00 paid on 31 May.
        invoice = self._invoice(1000.0, "2026-03-31", invoice_date="2026-03-01")
        self._credit_note(invoice, 400.0, "2026-04-30")
        self._pay(invoice, 600.0, payment_date="2026-05-31")
        row = self._row(invoice)
        # Only the payment: 600 x 12.15 % (H1 2026) x 61 / 365 = 12.18, and the indemnity.
        self.assertEqual(
            (row.amount_paid_late, row.days_late, row.interest_amount, row.indemnity_amount),
            (600.0, 61, 12.18, 40.0),
        )
        # Cancelled by a credit note a month after its due date: nothing was paid late.
        cancelled = self._invoice(800.0, "2026-03-31", invoice_date="2026-03-01")
        self._credit_note(cancelled, 800.0, "2026-04-30")
        self.assertIn(cancelled.payment_state, ("paid", "reversed"))
        self.assertFalse(self._row(cancelled))

    def test_on_time_individuals_and_waiver(self):
        on_time = self._invoice(500.0, "2026-05-01", invoice_date="2026-04-01")
        self._pay(on_time, 500.0, payment_date="2026-04-30")
        self.assertFalse(self._row(on_time))
        person = self.env["res.partner"].create({"name": "Jean Dupont"})
        private = self._invoice(500.0, "2026-05-01", partner=person, invoice_date="2026-04-01")
        self._pay(private, 500.0, payment_date="2026-06-15")
        self.assertFalse(self._row(private))  # no penalty from an individual
        small = self._invoice(100.0, "2026-05-01", invoice_date="2026-04-01")
        self._pay(small, 100.0, payment_date="2026-05-11")  # 0.33 + 40.00
        self.company.credit_penalty_waiver_amount = 50.0
        with self.assertRaisesRegex(UserError, "below the amount your company waives"):
            self._row(small).action_create_penalty_invoices()

    def test_salesperson_cannot_see_penalties(self):
        salesman = new_test_user(
            self.env, login="cc_late_sales", groups="sales_team.group_sale_salesman"
        )
        with self.assertRaises(AccessError):
            self.env["credit.late.payment"].with_user(salesman).search([])
