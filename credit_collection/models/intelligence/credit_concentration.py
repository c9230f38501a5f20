from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ...receivable_sql import posted_receivable_lines_where

TOPS = (1, 5, 10)
INCOME_TYPES = ("income", "income_other")  # revenue: what the customers were invoiced


class CreditConcentration(models.AbstractModel):
    """How much of the book a few customers hold: share of the open receivables
    and of the last 12 months' revenue of the top 1, 5 and 10 customers (by
    commercial entity, or by group: customers sharing a parent company)."""

    _name = "credit.concentration"
    _description = "Concentration Risk"

    @api.model
    def _per_customer(self, company, group=False, today=None):
        """[(key partner id, receivable, revenue)] of ``company``, largest receivable first."""
        today = today or fields.Date.context_today(self)
        self.env["account.move.line"].flush_model()
        self.env["res.partner"].flush_model(["commercial_partner_id", "parent_id"])
        key = (
            SQL("COALESCE(commercial.parent_id, commercial.id)") if group else SQL("commercial.id")
        )
        return self.env.execute_query(
            SQL(
                """
                SELECT %(key)s,
                       SUM(line.amount_residual),
                       SUM(-line.balance) FILTER (
                           WHERE line.date >= %(since)s AND account.account_type IN %(income)s
                       )
                  FROM account_move_line line
                  JOIN account_account account ON account.id = line.account_id
                  JOIN res_partner customer ON customer.id = line.partner_id
                  JOIN res_partner commercial ON commercial.id = customer.commercial_partner_id
                 WHERE line.company_id = %(company)s AND line.parent_state = 'posted'
                   AND ((%(receivable)s AND NOT line.reconciled)
                        OR (account.account_type IN %(income)s AND line.date >= %(since)s))
              GROUP BY 1
              ORDER BY 2 DESC NULLS LAST
                """,
                key=key,
                company=company.id,
                since=today - relativedelta(months=12),
                receivable=posted_receivable_lines_where(self.env),
                income=INCOME_TYPES,
            )
        )

    @api.model
    def _shares(self, customers, company):
        """{customer id: % of the company's open receivables} for ``customers``."""
        if not customers:
            return {}
        self.env["account.move.line"].flush_model(
            ["company_id", "parent_state", "account_id", "reconciled", "amount_residual"]
        )
        [(total,)] = self.env.execute_query(
            SQL(
                "SELECT SUM(line.amount_residual) FROM account_move_line line"
                " WHERE line.company_id = %s AND %s AND NOT line.reconciled",
                company.id,
                posted_receivable_lines_where(self.env),
            )
        )
        if not total or total <= 0:
            return {}
        return {
            customer.id: 100.0 * max(customer.credit_receivable_amount, 0.0) / total
            for customer in customers.with_company(company)
        }

    @api.model
    def _figures(self, company, group=False):
        """{"receivable": {1: %, 5: %, 10: %}, "revenue": {...}, "over": [(partner, %)],
        "limits": sum of credit limits, "equity_ratio": limits / equity or None}."""
        rows = self._per_customer(company, group)
        receivables = sorted((max(r or 0.0, 0.0) for _k, r, _v in rows), reverse=True)
        revenues = sorted((max(v or 0.0, 0.0) for _k, _r, v in rows), reverse=True)
        total_receivable, total_revenue = sum(receivables), sum(revenues)
        threshold = company.credit_concentration_threshold
        over = [
            (self.env["res.partner"].browse(key), 100.0 * (receivable or 0.0) / total_receivable)
            for key, receivable, _revenue in rows
            if total_receivable and 100.0 * (receivable or 0.0) / total_receivable > threshold
        ]
        limits = sum(self._credit_limits(company))
        return {
            "receivable": {
                top: 100.0 * sum(receivables[:top]) / total_receivable if total_receivable else 0.0
                for top in TOPS
            },
            "revenue": {
                top: 100.0 * sum(revenues[:top]) / total_revenue if total_revenue else 0.0
                for top in TOPS
            },
            "over": over,
            "limits": limits,
            "equity_ratio": limits / company.credit_equity if company.credit_equity else None,
        }

    def _credit_limits(self, company):
        partner = self.env["res.partner"].sudo().with_company(company)
        query = partner._search([("credit_limit", ">", 0), ("is_company", "=", True)])
        limit = partner._field_to_sql(partner._table, "credit_limit", query)
        return [value for (value,) in self.env.execute_query(query.select(limit))]
