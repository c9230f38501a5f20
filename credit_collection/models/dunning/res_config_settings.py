from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    credit_preview_keep_days = fields.Integer(
        related="company_id.credit_preview_keep_days", readonly=False
    )
    credit_sending_hour_from = fields.Float(
        related="company_id.credit_sending_hour_from", readonly=False
    )
    credit_sending_hour_to = fields.Float(
        related="company_id.credit_sending_hour_to", readonly=False
    )
    credit_sending_weekends = fields.Boolean(
        related="company_id.credit_sending_weekends", readonly=False
    )
    credit_reply_pause_days = fields.Integer(
        related="company_id.credit_reply_pause_days", readonly=False
    )
