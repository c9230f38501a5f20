from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    credit_approval_validity_days = fields.Integer(
        related="company_id.credit_approval_validity_days", readonly=False
    )
    credit_recovery_indemnity = fields.Monetary(
        related="company_id.credit_recovery_indemnity", readonly=False
    )
    credit_penalty_waiver_amount = fields.Monetary(
        related="company_id.credit_penalty_waiver_amount", readonly=False
    )
    credit_reserve_of_title = fields.Boolean(
        related="company_id.credit_reserve_of_title", readonly=False
    )
    credit_reserve_of_title_clause = fields.Text(
        related="company_id.credit_reserve_of_title_clause", readonly=False
    )
    credit_block_over_limit = fields.Boolean(
        related="company_id.credit_block_over_limit", readonly=False
    )
    credit_share_capital = fields.Monetary(
        related="company_id.credit_share_capital", readonly=False
    )
    credit_rcs_city = fields.Char(related="company_id.credit_rcs_city", readonly=False)
    credit_invoice_legal_mentions = fields.Boolean(
        related="company_id.credit_invoice_legal_mentions", readonly=False
    )
    credit_block_invoice_on_hold = fields.Boolean(
        related="company_id.credit_block_invoice_on_hold", readonly=False
    )
    credit_promise_grace_days = fields.Integer(
        related="company_id.credit_promise_grace_days", readonly=False
    )
    credit_plan_break_days = fields.Integer(
        related="company_id.credit_plan_break_days", readonly=False
    )
    credit_plan_max_instalments = fields.Integer(
        related="company_id.credit_plan_max_instalments", readonly=False
    )
    credit_plan_max_days = fields.Integer(related="company_id.credit_plan_max_days", readonly=False)
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
    credit_segment_auto_safer = fields.Boolean(
        related="company_id.credit_segment_auto_safer", readonly=False
    )
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
