from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CreditInterestRate(models.Model):
    """Late-payment reference rate of a half-year (French Commercial Code L441-10).

    The rate of January-June is the ECB main refinancing rate of 1 January plus
    the points (10 by default), that of July-December uses the ECB rate of
    1 July. The legal interest rate gives the floor of contractual rates (3x).
    A half-year without its row uses the latest row before it, and the dunning
    run that does so says which half-year is missing; a period before the
    first row has no rate at all.
    """

    _name = "credit.interest.rate"
    _description = "Late-Payment Interest Rate"
    _order = "date_start desc"

    date_start = fields.Date(
        string="Period Start",
        required=True,
        help="1 January or 1 July: the half-year it applies to.",
    )
    ecb_rate = fields.Float(
        string="ECB Rate (%)",
        digits=(16, 2),
        help="ECB main refinancing rate in force on the period start.",
    )
    points = fields.Float(
        string="Points Added",
        digits=(16, 2),
        default=10.0,
        help="10 points in France, 8 minimum in the EU.",
    )
    rate = fields.Float(
        string="Late-Payment Rate (%)", digits=(16, 2), compute="_compute_rate", store=True
    )
    legal_rate = fields.Float(
        string="Legal Interest Rate (%)",
        digits=(16, 2),
        required=True,
        help="Legal interest rate for all other cases (creditors other than private individuals): "
        "a contractual rate cannot be lower "
        "than three times this rate.",
    )
    legal_rate_private = fields.Float(
        string="Legal Rate, Private Creditors (%)",
        digits=(16, 2),
        help="The half-year's legal interest rate for creditors who are private individuals not "
        "acting for professional needs, as published. For reference: a company is a "
        "professional creditor, so its claims (on an individual after a formal notice too) use "
        "the legal interest rate above.",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the rate between companies."
    )

    _sql_constraints = [
        (
            "period_company_uniq",
            # a shared row (no company) counts once too
            "unique nulls not distinct (date_start, company_id)",
            "A half-year has only one late-payment rate.",
        ),
    ]

    @api.depends("ecb_rate", "points")
    def _compute_rate(self):
        for rate in self:
            rate.rate = rate.ecb_rate + rate.points

    @api.depends("date_start")
    def _compute_display_name(self):
        for rate in self:
            start = rate.date_start
            half = self.env._("H1") if start and start.month == 1 else self.env._("H2")
            rate.display_name = f"{half} {start.year}" if start else ""

    @api.constrains("date_start")
    def _check_date_start(self):
        for rate in self:
            if (rate.date_start.month, rate.date_start.day) not in ((1, 1), (7, 1)):
                raise ValidationError(
                    self.env._(
                        "A late-payment rate starts on 1 January or 1 July, not on %s.",
                        rate.date_start,
                    )
                )
