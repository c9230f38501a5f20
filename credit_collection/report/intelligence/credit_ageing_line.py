from odoo import fields, models
from odoo.tools import SQL

from ...receivable_sql import company_dependent_column


class CreditAgeingLine(models.Model):
    """The ageing by predicted payment date (*Group By > Predicted Payment Week*)."""

    _inherit = "credit.ageing.line"

    predicted_date = fields.Date(
        string="Predicted Payment",
        readonly=True,
        help="Due date + the customer's median delay (credit.payment.median); open invoices only.",
    )

    _depends = {
        "credit.payment.score": [
            "partner_id", "company_id", "paid_count", "median_days_late", "median_days_small",
            "median_days_medium", "median_days_large", "count_small", "count_medium",
            "count_large",
        ],
        "credit.payment.median": [
            "company_id", "credit_risk_segment_id", "median_days_late", "invoice_count",
        ],
    }  # fmt: skip

    def _extra_columns(self):
        delay = self.env["credit.payment.median"]._delay_expression(SQL("move.amount_total_signed"))
        return {
            **super()._extra_columns(),
            "predicted_date": SQL(
                "CASE WHEN residual.amount_residual > 0 THEN residual.date_maturity + %s END",
                delay,
            ),
        }

    def _extra_joins(self):
        return [
            *super()._extra_joins(),
            self.env["credit.payment.median"]._delay_joins(
                SQL("COALESCE(partner.commercial_partner_id, residual.partner_id)"),
                SQL("residual.company_id"),
                company_dependent_column("credit_risk_segment_id", SQL("residual.company_id")),
            ),
        ]
