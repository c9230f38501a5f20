from odoo import models

from .sale_order_customer_placed import CUSTOMER_PLACED


class PaymentTransaction(models.Model):
    """A payment that reaches an order's prepayment confirms it, unless a credit rule
    holds it: then the order waits for approval and the post-processing goes on, so
    the payment is recorded and reconciled as core does."""

    _inherit = "payment.transaction"

    def _check_amount_and_confirm_order(self):
        confirmed = super(
            PaymentTransaction, self.with_context(**{CUSTOMER_PLACED: True})
        )._check_amount_and_confirm_order()
        # Held orders are not confirmed: core then tells the customer the payment arrived.
        return confirmed.filtered(lambda order: order.state == "sale").with_env(self.env)
