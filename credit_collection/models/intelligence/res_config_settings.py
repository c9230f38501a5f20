from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    credit_insurance_block = fields.Boolean(
        related="company_id.credit_insurance_block", readonly=False
    )
    credit_insurance_threshold = fields.Monetary(
        related="company_id.credit_insurance_threshold", readonly=False
    )
    credit_concentration_threshold = fields.Float(
        related="company_id.credit_concentration_threshold", readonly=False
    )
    credit_equity = fields.Monetary(related="company_id.credit_equity", readonly=False)
    credit_segment_auto_safer = fields.Boolean(
        related="company_id.credit_segment_auto_safer", readonly=False
    )
    credit_score_months = fields.Integer(related="company_id.credit_score_months", readonly=False)
    credit_score_weight_days_late = fields.Integer(
        related="company_id.credit_score_weight_days_late", readonly=False
    )
    credit_score_weight_late_share = fields.Integer(
        related="company_id.credit_score_weight_late_share", readonly=False
    )
    credit_score_weight_late30_share = fields.Integer(
        related="company_id.credit_score_weight_late30_share", readonly=False
    )
    credit_score_weight_trend = fields.Integer(
        related="company_id.credit_score_weight_trend", readonly=False
    )
    credit_score_weight_promises = fields.Integer(
        related="company_id.credit_score_weight_promises", readonly=False
    )
    credit_score_weight_disputes = fields.Integer(
        related="company_id.credit_score_weight_disputes", readonly=False
    )
    credit_score_weight_overdue = fields.Integer(
        related="company_id.credit_score_weight_overdue", readonly=False
    )
    credit_score_weight_relationship = fields.Integer(
        related="company_id.credit_score_weight_relationship", readonly=False
    )
