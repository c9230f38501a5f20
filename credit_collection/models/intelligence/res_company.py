from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .credit_score_engine import FACTORS as SCORE_FACTORS

SCORE_WEIGHT_HELP = "The most points this factor takes off the payment score of 100."


class ResCompany(models.Model):
    """Payment score weights, insurance and concentration settings."""

    _inherit = "res.company"

    credit_insurance_block = fields.Boolean(
        string="Block over the Uninsured Threshold",
        help="Refuse to confirm a quotation that takes the customer's uninsured exposure "
        "(exposure - insured limit x cover rate) above the threshold, until a credit manager "
        "approves it.",
    )
    credit_insurance_threshold = fields.Monetary(
        string="Uninsured Exposure Threshold", currency_field="currency_id"
    )
    credit_concentration_threshold = fields.Float(
        string="Concentration Warning (%)",
        default=20.0,
        help="Warn on the overview and on the customer when one customer holds more than this "
        "share of the receivables.",
    )
    credit_equity = fields.Monetary(
        string="Equity",
        currency_field="currency_id",
        help="Compared with the sum of the credit limits on the overview.",
    )
    credit_segment_auto_safer = fields.Boolean(
        string="Apply Safer Segments Automatically",
        help="When the payment score moves a customer to a safer risk segment, apply it at once "
        "(noted in its chatter); moves to a riskier segment always wait for a credit manager.",
    )
    credit_score_months = fields.Integer(
        string="Score Period (months)",
        default=12,
        help="The payment-behaviour score reads the invoices paid over this many months.",
    )
    credit_score_weight_days_late = fields.Integer(
        string="Weight: Days Late", default=30, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_late_share = fields.Integer(
        string="Weight: Share Paid Late", default=20, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_late30_share = fields.Integer(
        string="Weight: Share over 30 Days Late", default=15, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_trend = fields.Integer(
        string="Weight: Trend", default=10, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_promises = fields.Integer(
        string="Weight: Promises Broken", default=10, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_disputes = fields.Integer(
        string="Weight: Disputes", default=5, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_overdue = fields.Integer(
        string="Weight: Overdue vs Limit", default=10, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_relationship = fields.Integer(
        string="Weight: New Relationship", default=5, help=SCORE_WEIGHT_HELP
    )

    def _credit_score_weights(self):
        """{factor: the most points it takes off the score}."""
        self.ensure_one()
        return {factor: self[f"credit_score_weight_{factor}"] for factor in SCORE_FACTORS}

    @api.constrains("credit_score_months", *(f"credit_score_weight_{f}" for f in SCORE_FACTORS))
    def _check_credit_score_settings(self):
        for company in self:
            if company.credit_score_months < 1:
                raise ValidationError(
                    self.env._("The payment score looks back one month at least.")
                )
            weights = company._credit_score_weights()
            if any(not 0 <= weight <= 100 for weight in weights.values()):
                raise ValidationError(
                    self.env._("A payment score weight goes from 0 to 100 points.")
                )
