from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount, format_date
from odoo.tools.mail import plaintext2html

from ..groups import CREDIT_MANAGER_GROUP

APPROVAL_FIELDS = (
    "credit_approval_state",
    "credit_approved_amount",
    "credit_approval_reason",
    "credit_approval_user_id",
    "credit_approval_expiry",
)
APPROVAL_ACTIVITY = "credit_collection.mail_activity_type_credit_approval"


class SaleOrder(models.Model):
    """Credit check on confirmation.

    A quotation is credit blocked when its customer is on credit hold, is in
    a segment requiring prepayment, or would go over its credit limit with
    this order. Only a credit manager's approval, valid for this order up to
    an amount and until a date, lets it through; an order already paid
    online is never blocked.
    """

    _inherit = "sale.order"

    credit_approval_state = fields.Selection(
        [
            ("none", "Not Requested"),
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("declined", "Declined"),
        ],
        string="Credit Approval",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    credit_approved_amount = fields.Monetary(
        string="Approved Up To", readonly=True, copy=False, tracking=True
    )
    credit_approval_reason = fields.Text(string="Approval Reason", readonly=True, copy=False)
    credit_approval_user_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False
    )
    credit_approval_expiry = fields.Date(
        string="Approval Valid Until", readonly=True, copy=False, tracking=True
    )
    credit_blocked = fields.Boolean(
        compute="_compute_credit_block",
        search="_search_credit_blocked",
        help="The customer is on hold, must prepay or would exceed its credit limit.",
    )
    credit_block_message = fields.Text(compute="_compute_credit_block")
    credit_usage_percent = fields.Float(
        related="partner_invoice_id.commercial_partner_id.credit_usage_percent"
    )
    credit_hold = fields.Boolean(related="partner_invoice_id.commercial_partner_id.credit_hold")

    @api.depends_context("company")
    @api.depends(
        "state",
        "partner_invoice_id",
        "amount_total",
        "credit_approval_state",
        "credit_approved_amount",
        "credit_approval_expiry",
    )
    def _compute_credit_block(self):
        messages = self._credit_block_messages()
        for order in self:
            order.credit_block_message = messages.get(order.id, False)
            order.credit_blocked = bool(order.credit_block_message)

    def _search_credit_blocked(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Credit Blocked."))
        quotations = self.search([("state", "in", ("draft", "sent"))])
        blocked_ids = list(quotations._credit_block_messages())
        in_blocked = (operator == "=") == value
        return [("id", "in" if in_blocked else "not in", blocked_ids)]

    def _credit_block_messages(self):
        """{order id: why it cannot be confirmed} for the blocked quotations of self."""
        messages = {}
        quotations = self.filtered(lambda o: o.state in ("draft", "sent") and o.partner_invoice_id)
        for company, orders in quotations.grouped("company_id").items():
            customers = orders.partner_invoice_id.commercial_partner_id.with_company(company)
            figures = self.env["credit.exposure"]._figures(customers, company)
            for order in orders:
                customer = order.partner_invoice_id.commercial_partner_id.with_company(company)
                message = order._credit_block_message(customer, figures[customer.id])
                if message:
                    messages[order.id] = message
        return messages

    def _credit_block_message(self, customer, figure):
        """Why this quotation cannot be confirmed, or None if it can."""
        if self._credit_covered():
            return None
        reasons = []
        # A salesperson may not read the hold's details; he must see them here.
        customer = customer.sudo()
        if customer.credit_hold:
            reasons.append(customer._credit_hold_message())
        if customer.credit_risk_segment_id.prepayment_required:
            reasons.append(
                self.env._(
                    "%(customer)s is in segment %(segment)s, which requires prepayment.",
                    customer=customer.name,
                    segment=customer.credit_risk_segment_id.display_name,
                )
            )
        limit_message = self._credit_limit_message(customer, figure)
        if limit_message:
            reasons.append(limit_message)
        return "\n\n".join(reasons) or None

    def _credit_covered(self):
        """Paid online in full, or approved by a credit manager for this amount."""
        currency = self.currency_id
        if currency.compare_amounts(self.amount_paid, self.amount_total) >= 0 and self.amount_total:
            return True
        return (
            self.credit_approval_state == "approved"
            and self.credit_approval_expiry
            and self.credit_approval_expiry >= fields.Date.context_today(self)
            and currency.compare_amounts(self.amount_total, self.credit_approved_amount) <= 0
        )

    def _credit_order_amount(self):
        """This order's total in company currency."""
        return self.company_id.currency_id.round(self.amount_total / (self.currency_rate or 1.0))

    def _credit_limit_message(self, customer, figure):
        return self.env["credit.exposure"]._over_limit_message(
            customer, figure, self.company_id, order_amount=self._credit_order_amount()
        )

    def _confirmation_error_message(self):
        message = super()._confirmation_error_message()
        if message:
            return message
        block = self._credit_block_messages().get(self.id)
        if not block:
            return False
        return self.env._(
            "%(order)s cannot be confirmed.\n\n%(reasons)s\n\n"
            'Use "Request Credit Approval" to ask a credit manager for an exception.',
            order=self.name,
            reasons=block,
        )

    @api.depends_context("company")
    def _compute_partner_credit_warning(self):
        # Same figures as the confirmation check, whatever the company's credit limit option.
        messages = self._credit_block_messages()
        for order in self:
            order.partner_credit_warning = messages.get(order.id, "")

    def action_open_credit_partner(self):
        return self.partner_invoice_id.commercial_partner_id._credit_form_action()

    # Approval workflow

    @api.model_create_multi
    def create(self, vals_list):
        if any(key in vals for vals in vals_list for key in APPROVAL_FIELDS):
            self._credit_check_manager()
        return super().create(vals_list)

    def write(self, vals):
        if any(key in vals for key in APPROVAL_FIELDS):
            self._credit_check_manager()
        return super().write(vals)

    def _credit_check_manager(self):
        if not self.env.su and not self.env.user.has_group(CREDIT_MANAGER_GROUP):
            raise AccessError(self.env._("Only credit managers can approve credit exceptions."))

    def action_credit_request_approval(self):
        self.ensure_one()
        if not self.credit_blocked:
            raise UserError(self.env._("%s is not credit blocked.", self.name))
        if self.credit_approval_state == "requested":
            raise UserError(self.env._("Credit approval for %s is already requested.", self.name))
        # Only managers write approval fields; requesting is open to the salesperson.
        self.sudo().write({"credit_approval_state": "requested"})
        note = plaintext2html(self.credit_block_message)
        self.message_post(
            body=plaintext2html(
                self.env._("Credit approval requested.\n%s", self.credit_block_message)
            )
        )
        for manager in self._credit_managers():
            self.sudo().activity_schedule(APPROVAL_ACTIVITY, note=note, user_id=manager.id)
        return True

    def _credit_managers(self):
        group = self.env.ref(CREDIT_MANAGER_GROUP)
        return group.sudo().users.filtered(
            lambda user: not user.share and self.company_id in user.company_ids
        )

    def action_credit_decide(self):
        self._credit_check_manager()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "credit_collection.sale_order_credit_approval_action"
        )
        action["context"] = {"default_order_id": self.id}
        return action

    def _credit_approve(self, amount, reason, validity_days):
        self._credit_check_manager()
        self.ensure_one()
        expiry = fields.Date.context_today(self) + timedelta(days=validity_days)
        self.write(
            {
                "credit_approval_state": "approved",
                "credit_approved_amount": amount,
                "credit_approval_reason": reason,
                "credit_approval_user_id": self.env.user.id,
                "credit_approval_expiry": expiry,
            }
        )
        self._credit_close_request(
            self.env._(
                "Credit approved up to %(amount)s until %(date)s: %(reason)s",
                amount=format_amount(self.env, amount, self.currency_id),
                date=format_date(self.env, expiry),
                reason=reason,
            )
        )

    def _credit_decline(self, reason):
        self._credit_check_manager()
        self.ensure_one()
        self.write(
            {
                "credit_approval_state": "declined",
                "credit_approved_amount": 0.0,
                "credit_approval_reason": reason,
                "credit_approval_user_id": self.env.user.id,
                "credit_approval_expiry": False,
            }
        )
        self._credit_close_request(self.env._("Credit approval declined: %s", reason))

    def _credit_close_request(self, message):
        self.message_post(body=message)
        self.sudo().activity_feedback([APPROVAL_ACTIVITY], feedback=message)
