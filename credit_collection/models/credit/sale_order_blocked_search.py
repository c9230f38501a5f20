from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ...receivable_sql import receivable_account_ids
from .sale_order_approval import APPROVAL_FIELDS

# The sale.order columns the blocked-quotations query reads, flushed before it runs.
BLOCKED_QUERY_FIELDS = [
    "state", "company_id", "currency_id", "partner_invoice_id", "amount_total",
    "currency_rate", "transaction_ids", *APPROVAL_FIELDS,
]  # fmt: skip


class SaleOrder(models.Model):
    """The *Credit Blocked* search: the rules of the confirmation check in SQL, one
    sub-query per company, no quotation loaded."""

    _inherit = "sale.order"

    def _search_credit_blocked(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Credit Blocked."))
        in_blocked = (operator == "=") == value
        # The ids, not the sub-query: inside a larger query PostgreSQL may run it once per
        # quotation (as for the partners' credit figures).
        blocked = [order_id for (order_id,) in self.env.execute_query(self._credit_blocked_query())]
        return [("id", "in" if in_blocked else "not in", blocked)]

    def _credit_blocked_query(self):
        """SQL selecting the ids of the blocked quotations of every company: the
        same rules as ``_credit_block_message``, with one exposure query per
        company instead of loading any quotation."""
        self.env["credit.exposure"]._flush_fields_read()
        self.flush_model(BLOCKED_QUERY_FIELDS)
        self.env["payment.transaction"].flush_model(["state", "amount", "payment_id"])
        self.env["credit.risk.segment"].flush_model(["prepayment_required"])
        companies = self.env["res.company"].sudo().search([])
        accounts = receivable_account_ids(self.env)
        return SQL(
            "(%s)",
            SQL(" UNION ALL ").join(
                self._credit_blocked_company_query(company, accounts) for company in companies
            ),
        )

    def _credit_blocked_company_query(self, company, accounts):
        today = fields.Date.context_today(self)
        quotation_customers = SQL(
            """
            SELECT invoice_partner.commercial_partner_id
              FROM sale_order quotation
              JOIN res_partner invoice_partner ON invoice_partner.id = quotation.partner_invoice_id
             WHERE quotation.company_id = %s AND quotation.state IN ('draft', 'sent')
            """,
            company.id,
        )
        figures = self.env["credit.exposure"]._figures_query(
            quotation_customers, company, None, accounts=accounts
        )
        decimals = company.currency_id.decimal_places

        def rounded(expression):
            return SQL("ROUND(COALESCE(%s, 0)::numeric, %s)", expression, decimals)

        exposure = SQL(
            "%s + %s + %s + ROUND((GREATEST(so.amount_total - COALESCE(paid.unbooked, 0), 0)"
            " / COALESCE(NULLIF(so.currency_rate, 0), 1))::numeric, %s)",
            rounded(SQL("figure.receivable")),
            rounded(SQL("figure.draft_invoices")),
            rounded(SQL("figure.orders")),
            decimals,
        )
        rules = self._credit_block_rules_sql(company, exposure)
        # The customers' figures once (MATERIALIZED): quotations just created are not yet in
        # the planner's statistics, which would otherwise rescan them for each quotation.
        return SQL(
            """
            (WITH figure AS MATERIALIZED (%(figures)s)
            SELECT so.id
              FROM sale_order so
              JOIN res_currency currency ON currency.id = so.currency_id
              JOIN res_partner invoice_partner ON invoice_partner.id = so.partner_invoice_id
              JOIN res_partner commercial ON commercial.id = invoice_partner.commercial_partner_id
         LEFT JOIN figure ON figure.partner_id = commercial.id
         LEFT JOIN (SELECT rel.sale_order_id, SUM(tx.amount) AS amount,
                           SUM(tx.amount) FILTER (WHERE tx.payment_id IS NULL) AS unbooked
                      FROM sale_order_transaction_rel rel
                      JOIN payment_transaction tx ON tx.id = rel.transaction_id
                     WHERE tx.state IN ('authorized', 'done')
                  GROUP BY 1) paid ON paid.sale_order_id = so.id
            %(joins)s
             WHERE so.company_id = %(company)s AND so.state IN ('draft', 'sent')
               -- paid online in full
               AND NOT (so.amount_total != 0 AND ROUND(
                        (COALESCE(paid.amount, 0) - so.amount_total)::numeric,
                        currency.decimal_places) >= 0)
               -- approved by a credit manager for this amount, until a date
               AND NOT (so.credit_approval_state = 'approved'
                        AND so.credit_approval_expiry >= %(today)s
                        AND ROUND((so.amount_total - COALESCE(so.credit_approved_amount, 0))
                                  ::numeric, currency.decimal_places) <= 0)
               AND (%(rules)s))
            """,
            figures=figures,
            joins=SQL(" ").join(join for join, _condition in rules if join),
            company=company.id,
            today=today,
            rules=SQL(" OR ").join(condition for _join, condition in rules),
        )

    def _credit_block_rules_sql(self, company, exposure):
        """[(join, condition)]: the rules of ``_credit_block_message`` in SQL, each a
        condition on the quotation ``so``, its customer ``commercial`` and ``exposure``
        (SQL: the customer's exposure with this quotation, in company currency), with
        the join it needs. A concern adding a rule to ``_credit_block_reasons`` adds
        it here too: the *Credit Blocked* search and the confirmation then agree."""
        # Only to write the company's columns in SQL: any company's quotations may be
        # searched (record rules still apply to the result).
        partner = self.env["res.partner"].sudo().with_company(company)
        limit = partner._field_to_sql("commercial", "credit_limit")
        decimals = company.currency_id.decimal_places
        prepayment = SQL(
            "LEFT JOIN credit_risk_segment segment ON segment.id = %s",
            partner._field_to_sql("commercial", "credit_risk_segment_id"),
        )
        rules = [
            (None, SQL("COALESCE(%s, false)", partner._field_to_sql("commercial", "credit_hold"))),
            (prepayment, SQL("COALESCE(segment.prepayment_required, false)")),
        ]
        if company.credit_block_over_limit:
            rules.append(
                (
                    None,
                    SQL(
                        "(COALESCE(%(limit)s, 0) != 0"
                        " AND %(exposure)s - ROUND(%(limit)s::numeric, %(decimals)s) > 0)",
                        limit=limit,
                        exposure=exposure,
                        decimals=decimals,
                    ),
                )
            )
        return rules
