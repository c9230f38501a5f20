from odoo import api, models
from odoo.tools import SQL

from ...receivable_sql import (
    commercial_partner_join,
    company_dependent_column,
    matched_amounts,
    posted_receivable_lines_where,
)


class CreditKpi(models.Model):
    """The two queries the KPIs are computed from: invoiced sales (with the disputed
    invoices) and the receivables open at each month end, per salesperson, segment
    and collector."""

    _inherit = "credit.kpi"

    def _receivable_condition(self, company):
        return SQL(
            "line.company_id = %s AND %s",
            company.id,
            posted_receivable_lines_where(self.env),
        )

    def _sales_query(self, company, date_from, date_to):
        return SQL(
            """
            SELECT move.invoice_user_id, %s, %s, date_trunc('month', line.date)::date,
                   SUM(line.balance),
                   COUNT(DISTINCT move.id) FILTER (WHERE move.move_type = 'out_invoice'),
                   COUNT(DISTINCT move.id) FILTER (
                       WHERE move.move_type = 'out_invoice' AND EXISTS (
                           SELECT 1 FROM credit_dispute_line disputed
                            WHERE disputed.move_id = move.id
                       )
                   )
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              %s
             WHERE %s AND move.move_type IN ('out_invoice', 'out_refund')
               AND line.date BETWEEN %s AND %s
          GROUP BY 1, 2, 3, 4
            """,
            self._segment_column(company),
            self._collector_column(company),
            commercial_partner_join(),
            self._receivable_condition(company),
            date_from,
            date_to,
        )

    def _receivables_query(self, company, ends):
        # Receivables open at each month end: the balance less what was reconciled by then.
        return SQL(
            """
            WITH receivable AS (
                SELECT line.id, line.date, line.balance,
                       COALESCE(line.date_maturity, line.date) AS due,
                       move.invoice_user_id AS user_id, %(segment)s AS segment_id,
                       %(collector)s AS collector_id
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  %(segment_join)s
                 WHERE %(condition)s AND line.date <= %(last_end)s
            ), matched AS (
                SELECT matches.line_id, ends.month_end, SUM(matches.amount) AS amount
                  FROM (%(matched)s) matches
                  JOIN receivable rec ON rec.id = matches.line_id
                  JOIN unnest(%(ends)s::date[]) AS ends(month_end)
                       ON matches.max_date <= ends.month_end
              GROUP BY 1, 2
            ), at_month_end AS (
                SELECT rec.user_id, rec.segment_id, rec.collector_id, ends.month_end, rec.due,
                       rec.balance - COALESCE(matched.amount, 0) AS residual
                  FROM unnest(%(ends)s::date[]) AS ends(month_end)
                  JOIN receivable rec ON rec.date <= ends.month_end
             LEFT JOIN matched ON matched.line_id = rec.id AND matched.month_end = ends.month_end
            )
            SELECT user_id, segment_id, collector_id, date_trunc('month', month_end)::date,
                   SUM(residual), COALESCE(SUM(residual) FILTER (WHERE due > month_end), 0)
              FROM at_month_end
             WHERE residual != 0
          GROUP BY 1, 2, 3, 4
            """,
            condition=self._receivable_condition(company),
            segment=self._segment_column(company),
            collector=self._collector_column(company),
            segment_join=commercial_partner_join(),
            last_end=max(ends),
            matched=matched_amounts(),
            ends=ends,
        )

    @api.model
    def _segment_column(self, company):
        return company_dependent_column("credit_risk_segment_id", company)

    @api.model
    def _collector_column(self, company):
        return company_dependent_column("credit_collector_id", company)
