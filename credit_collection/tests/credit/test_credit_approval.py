from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_sale_credit_check import SaleCreditCheckCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestCreditApproval(SaleCreditCheckCommon):
    """A credit manager's exception: requested by the salesperson, approved up to an
    amount until a date, or declined."""

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
