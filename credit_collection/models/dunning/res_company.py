from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    credit_preview_keep_days = fields.Integer(
        string="Keep Dunning Previews (days)",
        default=1,
        help="Previews of dunning runs are removed by the daily dunning action once this "
        "many days old; a user's new preview replaces the previous one.",
    )

    _sql_constraints = [
        (
            "credit_preview_keep_days_positive",
            "CHECK (credit_preview_keep_days >= 0)",
            "Dunning previews cannot be kept a negative number of days.",
        ),
    ]
