from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    credit_statement_kind = fields.Selection(
        related="company_id.credit_statement_kind", readonly=False
    )
