from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    credit_preview_keep_days = fields.Integer(
        related="company_id.credit_preview_keep_days", readonly=False
    )
