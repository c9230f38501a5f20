from freezegun import freeze_time

from odoo.addons.account_payment.tests.common import AccountPaymentCommon
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .test_sale_credit_check import SaleCreditCheckCommon

# A 1x1 transparent PNG: what the portal's signature pad sends, base64-encoded.
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
APPROVAL_ACTIVITY = "credit_collection.mail_activity_type_credit_approval"
INTERNAL_FIGURES = ("10,000", "7,000", "credit limit", "exceed", "exposure", "on credit hold")


class CustomerPlacedCommon(SaleCreditCheckCommon):
    """The customer owes 7,000 of its 10,000 limit; its salesperson and a credit
    manager work in the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "buyer@limit-customer.example.com"

    def _customer_quotation(self, quantity, **values):
        order = self._quotation(quantity, user=self.users["salesman"])
        order.write({"require_signature": True, "require_payment": False, **values})
        order.action_quotation_sent()
        return order

    def _assert_held_for_approval(self, order):
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.credit_placed_by_customer)
        self.assertEqual(order.credit_approval_state, "requested")
        activities = order.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(APPROVAL_ACTIVITY)
        )
        self.assertIn(self.users["manager"], activities.user_id)  # one per credit manager
        self.assertEqual(len(activities), len(activities.user_id))
        note = order.message_ids.filtered(lambda m: "waits for a credit manager" in str(m.body))
        self.assertEqual(len(note), 1)
        self.assertTrue(note.subtype_id.internal)  # never on the customer's portal page
        self.assertIn(self.users["salesman"].partner_id, note.partner_ids)
        self.assertIn("would exceed its credit limit", str(note.body))

    def _approve(self, order):
        decision = (
            self.env["sale.order.credit.approval"]
            .with_user(self.users["manager"])
            .create({"order_id": order.id, "reason": "Long-standing customer"})
        )
        decision.action_approve()


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestPortalSignature(CustomerPlacedCommon, HttpCase):
    """The customer signs an over-limit quotation on the portal."""

    def _sign(self, order):
        return self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {
                "access_token": order._portal_ensure_token(),
                "name": "Jane Buyer",
                "signature": SIGNATURE,
            },
        )

    def test_signature_is_kept_and_approval_requested(self):
        order = self._customer_quotation(40)  # 7,000 + 4,000 over the 10,000 limit
        result = self._sign(order)
        self.assertNotIn("error", result)
        self.assertEqual((order.signed_by, bool(order.signature)), ("Jane Buyer", True))
        self._assert_held_for_approval(order)

        page = self.url_open(result["redirect_url"]).text
        self.assertIn("your order is received; we will confirm it shortly", page)
        for figure in INTERNAL_FIGURES:
            self.assertNotIn(figure, page)

        self._approve(order)
        self.assertEqual(order.state, "sale")
        confirmation = order.message_ids.filtered(
            lambda m: m.subject and f"Order (Ref {order.name})" in m.subject
        )
        self.assertIn(self.customer, confirmation.partner_ids)

    def test_nobody_sets_the_flag_by_hand(self):
        order = self._customer_quotation(40)
        for role in ("salesman", "manager"):
            with self.assertRaises(AccessError):
                order.with_user(self.users[role]).write({"credit_placed_by_customer": True})
        self.assertFalse(order.credit_placed_by_customer)

    def test_signature_within_the_limit_confirms_as_core_does(self):
        order = self._customer_quotation(20)
        self._sign(order)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.credit_placed_by_customer)
        self.assertEqual(order.credit_approval_state, "none")

    def test_decline_gives_the_salesperson_an_activity(self):
        order = self._customer_quotation(40)
        self._sign(order)
        decision = (
            self.env["sale.order.credit.approval"]
            .with_user(self.users["manager"])
            .create({"order_id": order.id, "reason": "Two cheques bounced"})
        )
        decision.action_decline()
        self.assertEqual(order.state, "sent")
        todo = order.sudo().activity_ids.filtered(lambda a: a.user_id == self.users["salesman"])
        self.assertEqual(todo.summary, "Credit declined: tell the customer")
        # The customer is not told: no message to it after the signature.
        self.assertFalse(
            order.message_ids.filtered(
                lambda m: "declined" in str(m.body) and self.customer in m.partner_ids
            )
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestOnlinePayment(CustomerPlacedCommon, AccountPaymentCommon):
    """The customer pays an order's prepayment, or all of it, online."""

    def _pay_online(self, order, amount):
        tx = self._create_transaction(
            flow="redirect",
            sale_order_ids=[order.id],
            state="done",
            amount=amount,
            currency_id=order.currency_id.id,
            partner_id=self.customer.id,
            reference=f"{order.name}-{amount}",
        )
        tx._post_process()
        return tx

    def _prepaid_quotation(self, quantity):
        return self._customer_quotation(
            quantity, require_signature=False, require_payment=True, prepayment_percent=0.3
        )

    def test_prepayment_is_recorded_and_order_held(self):
        order = self._prepaid_quotation(50)  # 7,000 + 5,000 - 1,500 paid: over the limit
        tx = self._pay_online(order, 1500.0)
        self.assertTrue(tx.is_post_processed)
        # Recorded in the books: a posted payment of the customer, waiting for its bank line.
        self.assertEqual(tx.payment_id.state, "in_process")
        self.assertEqual(tx.payment_id.move_id.state, "posted")
        self.assertEqual((tx.payment_id.amount, tx.payment_id.partner_id), (1500.0, self.customer))
        self._assert_held_for_approval(order)
        # The payment is in the books now; the block is the same, searched or computed.
        self.assertTrue(order.credit_blocked)
        blocked = self.env["sale.order"].search([("credit_blocked", "=", True)])
        self.assertIn(order, blocked)
        self._approve(order)
        self.assertEqual(order.state, "sale")

    def test_only_the_unpaid_part_counts(self):
        order = self._prepaid_quotation(40)  # 7,000 + 4,000 - 1,200 paid = 9,800
        self._pay_online(order, 1200.0)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.credit_placed_by_customer)

    def test_fully_paid_order_of_a_customer_on_hold_confirms(self):
        self.customer.with_company(self.company)._credit_put_on_hold("Cheque bounced")
        order = self._prepaid_quotation(10)
        tx = self._pay_online(order, 1000.0)
        self.assertEqual(order.state, "sale")
        self.assertTrue(tx.payment_id)

    def test_on_hold_prepayment_is_recorded_and_order_held(self):
        self.customer.with_company(self.company)._credit_put_on_hold("Cheque bounced")
        order = self._prepaid_quotation(10)
        tx = self._pay_online(order, 300.0)
        self.assertEqual(tx.payment_id.amount, 300.0)
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.credit_approval_state, "requested")
