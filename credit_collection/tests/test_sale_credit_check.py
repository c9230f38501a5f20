from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CreditLimitTestCommon, create_credit_users


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestSaleCreditCheck(CreditLimitTestCommon):
    """Confirming quotations against holds, prepayment segments and limits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls.customer.with_company(cls.company).credit_limit = 10000.0
        cls._invoice(8000.0, "2026-06-10")  # overdue 20 days
        cls._invoice(1000.0, "2026-06-15", move_type="out_refund")

    def _as(self, role, record):
        return record.with_user(self.users[role])

    def test_within_limit_confirms(self):
        order = self._quotation(
            30, user=self.users["salesman"]
        )  # 7000 + 3000 = 10000: exactly the limit
        self.assertFalse(order.credit_blocked)
        self._as("salesman", order).action_confirm()
        self.assertEqual(order.state, "sale")
        next_order = self._quotation(1)
        self.assertTrue(next_order.credit_blocked)  # the confirmed order now counts

    def test_over_limit_is_refused_with_the_numbers(self):
        self._invoice(500.0, "2026-07-31", post=False)
        order = self._quotation(40, user=self.users["salesman"])  # 4000
        self.assertTrue(order.credit_blocked)
        with self.assertRaises(UserError) as refusal:
            self._as("salesman", order).action_confirm()
        message = str(refusal.exception)
        for expected in (
            "Limit Customer would exceed its credit limit.",
            "Credit limit: $\xa010,000.00",
            "Open receivables: $\xa07,000.00 (of which overdue: $\xa07,000.00)",
            "Draft invoices: $\xa0500.00",
            "Confirmed orders not invoiced: $\xa00.00",
            "This order: $\xa04,000.00",
            "Total exposure: $\xa011,500.00",
            "Excess: $\xa01,500.00",
            "Request Credit Approval",
        ):
            self.assertIn(expected, message)
        self.assertEqual(order.state, "draft")
        # The banner shows the same figures as the refusal.
        self.assertIn("Excess: $\xa01,500.00", order.partner_credit_warning)

    def test_hold_and_prepayment_block_even_within_limit(self):
        order = self._quotation(1)
        self.customer.with_company(self.company)._credit_put_on_hold("Cheque bounced")
        self.assertIn(
            "Limit Customer is on credit hold: Cheque bounced", order.credit_block_message
        )
        self.customer.with_company(self.company)._credit_release()
        self.customer.with_company(self.company).credit_risk_segment_id = self.env.ref(
            "credit_collection.credit_risk_segment_d"
        )
        order.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "requires prepayment"):
            order.action_confirm()

    def test_blocked_filter(self):
        blocked, fine = self._quotation(40), self._quotation(1)
        found = self.env["sale.order"].search([("credit_blocked", "=", True)])
        self.assertIn(blocked, found)
        self.assertNotIn(fine, found)
        self.assertIn(fine, self.env["sale.order"].search([("credit_blocked", "=", False)]))

    def test_approval_workflow(self):
        order = self._as("salesman", self._quotation(40, user=self.users["salesman"]))
        order.action_credit_request_approval()
        self.assertEqual(order.credit_approval_state, "requested")
        activity = order.sudo().activity_ids.filtered(lambda a: a.user_id == self.users["manager"])
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("credit_collection.mail_activity_type_credit_approval"),
        )
        self.assertIn("Credit approval requested.", order.message_ids[0].body)
        # The salesperson cannot approve, by method, field write or creation.
        with self.assertRaises(AccessError):
            order._credit_approve(4000.0, "I say so", 7)
        with self.assertRaises(AccessError):
            order.write({"credit_approval_state": "approved", "credit_approved_amount": 1e9})
        with self.assertRaises(AccessError):
            self._as("salesman", self.env["sale.order"]).create(
                {"partner_id": self.customer.id, "credit_approval_state": "approved"}
            )
        with self.assertRaises(UserError):
            order.with_context(credit_skip_check=True).action_confirm()

        decision = self._as("manager", self.env["sale.order.credit.approval"]).create(
            {"order_id": order.id, "reason": "Parent company guarantee"}
        )
        self.assertEqual((decision.amount, decision.validity_days), (4000.0, 7))
        decision.action_approve()
        self.assertEqual(order.credit_approval_state, "approved")
        self.assertEqual(str(order.credit_approval_expiry), "2026-07-07")
        self.assertFalse(order.sudo().activity_ids)
        self.assertFalse(order.credit_blocked)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_approval_expires_and_does_not_cover_a_bigger_order(self):
        order = self._quotation(40)
        self._as("manager", order)._credit_approve(4000.0, "Seasonal peak", 7)
        self.assertFalse(order.credit_blocked)
        order.order_line.product_uom_qty = 41
        self.assertTrue(order.credit_blocked)
        order.order_line.product_uom_qty = 40
        with freeze_time("2026-07-08"):
            order.invalidate_recordset()
            self.assertTrue(order.credit_blocked)
            with self.assertRaises(UserError):
                order.action_confirm()

    def test_decline(self):
        order = self._quotation(40)
        order.action_credit_request_approval()
        self._as("manager", order)._credit_decline("Too much overdue")
        self.assertEqual(order.credit_approval_state, "declined")
        self.assertTrue(order.credit_blocked)
        self.assertIn("Credit approval declined: Too much overdue", order.message_ids[0].body)
        order.action_credit_request_approval()  # may ask again
        self.assertEqual(order.credit_approval_state, "requested")

    def test_check_query_count_does_not_grow_with_invoices(self):
        order = self._quotation(1)
        self.env.invalidate_all()
        with self.assertQueryCount(23):
            order._confirmation_error_message()
        for _index in range(30):
            self._invoice(10.0, "2026-06-10")
        self.env.invalidate_all()
        with self.assertQueryCount(23):
            order._confirmation_error_message()

    def test_posting_refused_on_hold_when_the_company_says_so(self):
        draft = self._invoice(100.0, "2026-07-31", post=False)
        self.customer.with_company(self.company)._credit_put_on_hold("Dispute")
        draft.action_post()  # the option is off by default
        self.company.credit_block_invoice_on_hold = True
        second = self._invoice(100.0, "2026-07-31", post=False)
        with self.assertRaisesRegex(UserError, "on credit hold"):
            second.action_post()
        self.assertEqual(second.state, "draft")
        refund = self._invoice(100.0, "2026-07-31", post=False, move_type="out_refund")
        refund.action_post()  # credit notes still go through
        self.assertIn("on credit hold: Dispute", second.partner_credit_warning)
