from odoo import fields, models
from odoo.tools import SQL

from ...models.intelligence.credit_payment_score import NO_SCORE


class CreditCustomerExposure(models.Model):
    """One row per customer with an exposure, per company: exposure, limit and
    payment score side by side, to rank customers (the dashboard's top 10).
    Figures come from the stored exposure (``credit.exposure.store``)."""

    _name = "credit.customer.exposure"
    _description = "Customer Exposure"
    _auto = False
    _order = "exposure desc, id"
    _rec_name = "partner_id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    credit_risk_segment_id = fields.Many2one(
        "credit.risk.segment", string="Risk Segment", readonly=True
    )
    exposure = fields.Monetary(readonly=True)
    limit_amount = fields.Monetary(string="Credit Limit", readonly=True)
    available = fields.Monetary(string="Available Credit", readonly=True)
    score = fields.Char(
        string="Payment Score",
        readonly=True,
        help="0-100 from how the customer paid; a dash: not enough history for a score.",
    )

    @property
    def _table_query(self):
        self.env["credit.payment.score"].flush_model()
        companies = self.env.companies
        return SQL(" UNION ALL ").join(
            self._company_query(
                company, SQL("exposure.partner_id * %s + %s", len(companies), index)
            )
            for index, company in enumerate(companies)
        )

    def _company_query(self, company, row_id):
        # company-dependent columns with their fallback; the limit is an accounting field
        partner = self.env["res.partner"].sudo().with_company(company)
        limit = SQL("COALESCE(%s, 0)", partner._field_to_sql("commercial", "credit_limit"))
        return SQL(
            """
            SELECT %(row_id)s AS id, %(company)s AS company_id,
                   exposure.partner_id, %(segment)s AS credit_risk_segment_id,
                   exposure.exposure, %(limit)s AS limit_amount,
                   CASE WHEN %(limit)s > 0 THEN %(limit)s - exposure.exposure END AS available,
                   CASE WHEN score.enough_history THEN score.score::text
                        ELSE %(no_score)s END AS score
              FROM (%(exposures)s) exposure
              JOIN res_partner commercial ON commercial.id = exposure.partner_id
         LEFT JOIN credit_payment_score score
                ON score.partner_id = exposure.partner_id AND score.company_id = %(company)s
             WHERE exposure.exposure <> 0
            """,
            row_id=row_id,
            company=company.id,
            segment=partner._field_to_sql("commercial", "credit_risk_segment_id"),
            limit=limit,
            no_score=NO_SCORE,
            exposures=self.env["credit.exposure.store"]._exposure_query(company),
        )
