from odoo import api, fields, models


class CreditRiskSegment(models.Model):
    """Risk grade of a customer (A low risk ... D high risk).

    A segment proposes the credit limit of the customers put in it, caps
    their payment terms, decides how much overdue it tolerates before an
    automatic credit hold, and may require prepayment of every order.
    """

    _name = "credit.risk.segment"
    _description = "Credit Risk Segment"
    _order = "sequence, code"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, size=8)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the segment between companies."
    )
    default_credit_limit = fields.Float(
        help="Credit limit proposed for a customer put in this segment, in company currency. "
        "0 means no limit.",
    )
    max_payment_term_days = fields.Integer(
        string="Maximum Payment Term (days)",
        help="A customer payment term whose longest delay exceeds this shows a warning. "
        "0 means no maximum.",
    )
    auto_hold = fields.Boolean(
        string="Automatic Credit Hold",
        default=True,
        help="Put customers on credit hold when their overdue exceeds the tolerance below, "
        "and release them once it no longer does.",
    )
    overdue_tolerance_days = fields.Integer(
        string="Overdue Tolerance (days)",
        help="Days past due the oldest overdue invoice may reach before the customer is put on hold.",
    )
    overdue_tolerance_amount = fields.Float(
        string="Overdue Tolerance (amount)",
        help="Overdue amount, in company currency, a customer may reach before being put on hold.",
    )
    prepayment_required = fields.Boolean(
        help="Orders of customers in this segment are confirmed only once paid or approved by a credit manager.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique (code, company_id)",
            "Two risk segments of a company cannot share a code.",
        ),
        (
            "tolerances_positive",
            "CHECK (overdue_tolerance_days >= 0 AND overdue_tolerance_amount >= 0 "
            "AND max_payment_term_days >= 0 AND default_credit_limit >= 0)",
            "Credit limits, tolerances and payment term maximums cannot be negative.",
        ),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for segment in self:
            segment.display_name = f"{segment.code} - {segment.name}"

    def _exceeds_tolerance(self, overdue_amount, oldest_overdue_days, currency):
        """Whether these overdue figures call for an automatic credit hold."""
        self.ensure_one()
        if currency.compare_amounts(overdue_amount, 0.0) <= 0:
            return False
        return (
            currency.compare_amounts(overdue_amount, self.overdue_tolerance_amount) > 0
            or oldest_overdue_days > self.overdue_tolerance_days
        )
