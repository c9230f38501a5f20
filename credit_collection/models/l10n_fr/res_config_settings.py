from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    credit_recovery_indemnity = fields.Monetary(
        related="company_id.credit_recovery_indemnity", readonly=False
    )
    credit_default_payment_days = fields.Integer(
        related="company_id.credit_default_payment_days", readonly=False
    )
    credit_penalty_waiver_amount = fields.Monetary(
        related="company_id.credit_penalty_waiver_amount", readonly=False
    )
    credit_share_capital = fields.Monetary(
        related="company_id.credit_share_capital", readonly=False
    )
    credit_rcs_city = fields.Char(related="company_id.credit_rcs_city", readonly=False)
    credit_invoice_legal_mentions = fields.Boolean(
        related="company_id.credit_invoice_legal_mentions", readonly=False
    )
