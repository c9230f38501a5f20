from odoo import fields, models


class CreditRiskSegment(models.Model):
    """The payment scores a segment holds: Segment Review proposes it for them."""

    _inherit = "credit.risk.segment"

    score_min = fields.Integer(
        string="Score From",
        help="Customers whose payment score falls in this segment's range are proposed for it "
        "(Segment Review). Leave both bounds at 0 to take the segment out of the proposals.",
    )
    score_max = fields.Integer(string="Score To")

    _sql_constraints = [
        (
            "score_range",
            "CHECK (score_min >= 0 AND score_max <= 100 AND score_min <= score_max)",
            "A segment's score range goes from 0 to 100, its lower bound first.",
        ),
    ]
