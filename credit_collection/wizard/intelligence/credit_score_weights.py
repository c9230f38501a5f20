from odoo import api, fields, models
from odoo.exceptions import AccessError

from ...models.intelligence.credit_score_engine import FACTORS

SETTINGS = (
    "credit_score_months",
    "credit_segment_auto_safer",
    *(f"credit_score_weight_{factor}" for factor in FACTORS),
)


class CreditScoreWeights(models.TransientModel):
    """The payment score's period and weights of the current company, for credit
    managers (the Settings page is for administrators only)."""

    _name = "credit.score.weights"
    _description = "Payment Score Weights"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    credit_score_months = fields.Integer(string="Score Period (months)")
    credit_segment_auto_safer = fields.Boolean(string="Apply Safer Segments Automatically")
    credit_score_weight_days_late = fields.Integer(string="Weight: Days Late")
    credit_score_weight_late_share = fields.Integer(string="Weight: Share Paid Late")
    credit_score_weight_late30_share = fields.Integer(string="Weight: Share over 30 Days Late")
    credit_score_weight_trend = fields.Integer(string="Weight: Trend")
    credit_score_weight_promises = fields.Integer(string="Weight: Promises Broken")
    credit_score_weight_disputes = fields.Integer(string="Weight: Disputes")
    credit_score_weight_overdue = fields.Integer(string="Weight: Overdue vs Limit")
    credit_score_weight_relationship = fields.Integer(string="Weight: New Relationship")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env.company
        return values | {name: company[name] for name in SETTINGS if name in fields_list}

    def action_save(self):
        self.ensure_one()
        # Access to this wizard is for credit managers only (ir.model.access), and to
        # the companies they work in: the company is only read-only in the form.
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You cannot change the payment score of %s: you do not work in it.",
                    self.company_id.name,
                )
            )
        self.company_id.sudo().write({name: self[name] for name in SETTINGS})
        return {"type": "ir.actions.act_window_close"}
