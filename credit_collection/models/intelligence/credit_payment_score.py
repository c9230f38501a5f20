from odoo import api, fields, models

from .credit_score_engine import FACTORS

# What lists and exports show for a customer without enough history for a score.
NO_SCORE = "—"


class CreditPaymentScore(models.Model):
    """A customer's payment-behaviour score in a company, with the figures of
    each factor and the points it took off, as the nightly job computed them
    (``credit.score.engine``). No score without enough paid invoices."""

    _name = "credit.payment.score"
    _description = "Payment Behaviour Score"
    _order = "company_id, score, partner_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    score = fields.Integer(aggregator="avg", help="0-100; empty: not enough history.")
    enough_history = fields.Boolean()
    paid_count = fields.Integer(string="Paid Invoices")
    avg_days_late = fields.Float(string="Average Days Late", digits=(16, 1))
    late_share = fields.Float(string="Paid Late (share)", digits=(16, 3))
    late30_share = fields.Float(string="Paid over 30 Days Late (share)", digits=(16, 3))
    recent_days_late = fields.Float(string="Days Late, Last 3 Months", digits=(16, 1))
    earlier_days_late = fields.Float(string="Days Late, Earlier", digits=(16, 1))
    promises_kept = fields.Integer()
    promises_due = fields.Integer()
    dispute_rate = fields.Float(digits=(16, 3))
    overdue_ratio = fields.Float(string="Overdue / Limit", digits=(16, 3))
    relationship_months = fields.Integer()
    computed_on = fields.Date()
    # Median days late of the paid invoices, all and by size (credit.payment.median's classes)
    median_days_late = fields.Float(digits=(16, 1))
    median_days_small = fields.Float(digits=(16, 1))
    median_days_medium = fields.Float(digits=(16, 1))
    median_days_large = fields.Float(digits=(16, 1))
    count_small = fields.Integer()
    count_medium = fields.Integer()
    count_large = fields.Integer()
    # Points each factor took off, as computed with the company's weights of the day.
    points_days_late = fields.Float(digits=(16, 1))
    points_late_share = fields.Float(digits=(16, 1))
    points_late30_share = fields.Float(digits=(16, 1))
    points_trend = fields.Float(digits=(16, 1))
    points_promises = fields.Float(digits=(16, 1))
    points_disputes = fields.Float(digits=(16, 1))
    points_overdue = fields.Float(digits=(16, 1))
    points_relationship = fields.Float(digits=(16, 1))
    explanation = fields.Text(compute="_compute_explanation")

    _sql_constraints = [
        ("partner_company_unique", "UNIQUE (partner_id, company_id)", "One score per customer."),
    ]

    @api.depends_context("lang")
    def _compute_explanation(self):
        engine = self.env["credit.score.engine"]
        for row in self:
            row.explanation = engine._explain(row)

    @api.model
    def _by_customer(self, partners, companies):
        """{(commercial partner id, company id): score row} of ``partners`` in ``companies``."""
        rows = self.sudo().search(
            [("partner_id", "in", partners.ids), ("company_id", "in", companies.ids)]
        )
        return {(row.partner_id.id, row.company_id.id): row for row in rows}

    @api.model
    def _points_fields(self):
        return [f"points_{factor}" for factor in FACTORS]
