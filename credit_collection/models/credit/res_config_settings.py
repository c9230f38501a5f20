from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    credit_approval_validity_days = fields.Integer(
        related="company_id.credit_approval_validity_days", readonly=False
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
    credit_block_invoice_on_hold = fields.Boolean(
        related="company_id.credit_block_invoice_on_hold", readonly=False
    )
