from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleOrderCreditApproval(models.TransientModel):
    """A credit manager's decision on a credit-blocked quotation."""

    _name = "sale.order.credit.approval"
    _description = "Credit Approval Decision"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    block_message = fields.Text(related="order_id.credit_block_message")
    amount = fields.Monetary(
        string="Approve Up To",
        compute="_compute_amount",
        store=True,
        readonly=False,
        help="The order may be confirmed as long as its total stays within this amount.",
    )
    validity_days = fields.Integer(
        string="Valid For (days)",
        compute="_compute_validity_days",
        store=True,
        readonly=False,
    )
    reason = fields.Text(required=True)

    @api.depends("order_id")
    def _compute_amount(self):
        for decision in self:
            decision.amount = decision.order_id.amount_total

    @api.depends("order_id")
    def _compute_validity_days(self):
        for decision in self:
            decision.validity_days = decision.order_id.company_id.credit_approval_validity_days

    @api.constrains("amount", "validity_days")
    def _check_amount_and_validity(self):
        for decision in self:
            if decision.currency_id.compare_amounts(decision.amount, 0.0) <= 0:
                raise ValidationError(self.env._("The approved amount must be positive."))
            if decision.validity_days <= 0:
                raise ValidationError(self.env._("An approval must stay valid at least one day."))

    def action_approve(self):
        self.ensure_one()
        self.order_id._credit_approve(self.amount, self.reason, self.validity_days)
        return {"type": "ir.actions.act_window_close"}

    def action_decline(self):
        self.ensure_one()
        self.order_id._credit_decline(self.reason)
        return {"type": "ir.actions.act_window_close"}
