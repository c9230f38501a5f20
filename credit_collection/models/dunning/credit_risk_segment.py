from odoo import fields, models


class CreditRiskSegment(models.Model):
    _inherit = "credit.risk.segment"

    dunning_policy_id = fields.Many2one(
        "credit.dunning.policy",
        check_company=True,
        help="Dunning policy of the customers of this segment, unless a customer has its own.",
    )
