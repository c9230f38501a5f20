from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

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
    credit_portal_cooldown_days = fields.Integer(
        related="company_id.credit_portal_cooldown_days", readonly=False
    )
