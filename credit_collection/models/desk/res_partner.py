from odoo import api, fields, models

from ...groups import CUSTOMER_FIGURES_GROUP


class ResPartner(models.Model):
    """The collector's desk of a customer: disputes, promises, calls, payment plans."""

    _inherit = "res.partner"

    credit_dispute_ids = fields.One2many("credit.dispute", "partner_id", string="Disputes")
    credit_promise_ids = fields.One2many("credit.promise", "partner_id", string="Promises to Pay")
    credit_call_ids = fields.One2many("credit.call", "partner_id", string="Calls")
    credit_payment_plan_ids = fields.One2many(
        "credit.payment.plan", "partner_id", string="Payment Plans"
    )
    credit_promise_kept_rate = fields.Float(
        groups=CUSTOMER_FIGURES_GROUP,
        string="Promises Kept (%)",
        compute="_compute_credit_promise_kept_rate",
        help="Promises kept / promises due (kept or broken) in this company, x 100.",
    )
    credit_promise_kept_summary = fields.Char(
        groups=CUSTOMER_FIGURES_GROUP,
        string="Promises Kept",
        compute="_compute_credit_promise_kept_rate",
    )

    @api.depends_context("company")
    def _compute_credit_promise_kept_rate(self):
        counts = self.env["credit.promise"]._kept_counts(self.commercial_partner_id)
        for partner in self:
            kept, due = counts.get(partner.commercial_partner_id.id, (0, 0))
            partner.credit_promise_kept_rate = 100.0 * kept / due if due else 0.0
            partner.credit_promise_kept_summary = (
                self.env._("%(kept)s of %(due)s kept", kept=kept, due=due) if due else ""
            )

    def action_credit_log_call(self):
        return self.env["credit.call"]._action_log(self.commercial_partner_id)
