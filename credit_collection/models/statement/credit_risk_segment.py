from odoo import fields, models


class CreditRiskSegment(models.Model):
    _inherit = "credit.risk.segment"

    statement_monthly = fields.Boolean(
        string="Monthly Statements",
        help="Customers of this segment receive a statement of account by e-mail each month, "
        "unless set otherwise on the customer.",
    )
