from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# Set while core confirms an order its customer placed: signed on the portal,
# paid online, checked out in the shop (``_validate_order``, payment post-processing).
CUSTOMER_PLACED = "credit_customer_placed"


class SaleOrder(models.Model):
    """Orders customers place themselves. Where core confirms them on the customer's
    behalf, a credit block must neither reach the customer (it shows the company's
    figures) nor undo what the customer did: the signature is already saved, the
    payment is recorded after the confirmation. Such an order stays a quotation, a
    credit approval is requested, and the manager's approval confirms it."""

    _inherit = "sale.order"

    credit_placed_by_customer = fields.Boolean(
        string="Placed by the Customer",
        readonly=True,
        copy=False,
        help="Signed or paid online by the customer while a credit rule held it: a credit "
        "manager's approval confirms it.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any("credit_placed_by_customer" in vals for vals in vals_list):
            self._credit_check_customer_flow()
        return super().create(vals_list)

    def write(self, vals):
        if "credit_placed_by_customer" in vals:
            self._credit_check_customer_flow()
        return super().write(vals)

    def _credit_check_customer_flow(self):
        # Set only by the customer's own flows, which run as superuser.
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Only the customer's own ordering (portal signature, online payment) marks an order as placed by the customer."
                )
            )

    def _validate_order(self):
        return super(SaleOrder, self.with_context(**{CUSTOMER_PLACED: True}))._validate_order()

    def action_confirm(self):
        if not self.env.context.get(CUSTOMER_PLACED):
            return super().action_confirm()
        messages = self._credit_block_messages()
        held = self.filtered(lambda order: order.id in messages)
        held._credit_hold_for_approval()
        confirmable = (self - held).with_context(**{CUSTOMER_PLACED: False})
        return super(SaleOrder, confirmable).action_confirm() if confirmable else True

    def _credit_hold_for_approval(self):
        """Keep these quotations for a credit manager, and tell their salespeople."""
        for held in self.sudo():
            # The note is for the company: in the salesperson's language, not the customer's.
            order = held.with_context(lang=held.user_id.lang or held.company_id.partner_id.lang)
            reasons = order._credit_block_messages().get(order.id, "")
            note = order.env._(
                "The customer signed or paid this order online; it waits for a credit "
                "manager's approval before it is confirmed.\n\n%s",
                reasons,
            )
            order.credit_placed_by_customer = True
            if order.credit_approval_state == "requested":
                order._credit_post_note(note, order.user_id.partner_id)
            else:
                order._credit_request_approval(note, order.user_id.partner_id)

    def _credit_confirm_placed_order(self):
        """Once approved, confirm what the customer signed or paid, as core would have
        (with its confirmation e-mail); an order still to be paid waits for it."""
        self.ensure_one()
        order = self.sudo()
        if not order.credit_placed_by_customer or order.state not in ("draft", "sent"):
            return
        if order._has_to_be_paid():
            return
        try:
            with self.env.cr.savepoint():
                order.with_context(send_email=True).action_confirm()
        except UserError as error:
            order.message_post(
                body=self.env._("Credit approved, but the order could not be confirmed: %s", error)
            )

    def _credit_tell_salesperson_declined(self, reason):
        """The customer is not told automatically: the salesperson is, to call them."""
        self.ensure_one()
        if not self.credit_placed_by_customer or not self.user_id:
            return
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.user_id.id,
            summary=self.env._("Credit declined: tell the customer"),
            note=reason,
        )
