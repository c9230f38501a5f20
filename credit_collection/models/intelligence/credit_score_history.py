from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.tools import SQL

from ...receivable_sql import receivable_account_ids
from .credit_score_engine import RECENT_MONTHS, History


class CreditScoreEngine(models.AbstractModel):
    """What the score is computed from: each customer's History of paid invoices,
    promises, disputes and overdue, in a few queries per company."""

    _inherit = "credit.score.engine"

    def _histories(self, company, since, today, partners=None):
        """{commercial partner id: History} of every customer invoiced by ``company``."""
        for model, names in {
            "account.move": ["company_id", "move_type", "state", "payment_state",
                             "commercial_partner_id", "amount_total_signed", "invoice_date_due",
                             "invoice_date"],
            "account.move.line": ["move_id", "account_id"],
            "account.partial.reconcile": ["debit_move_id", "max_date"],
            "credit.promise": ["state", "partner_id", "company_id", "date_closed"],
            "credit.dispute.line": ["move_id", "dispute_id"],
        }.items():  # fmt: skip
            self.env[model].flush_model(names)
        histories = {}
        for row in self.env.execute_query(self._paid_query(company, since, today, partners)):
            partner_id, count, days, late, late30, recent, earlier = row[:7]
            first_invoice, invoiced, disputed, *medians = row[7:]
            months = relativedelta(today, first_invoice) if first_invoice else relativedelta()
            histories[partner_id] = History(
                paid_count=count or 0,
                avg_days_late=float(days or 0.0),
                late_share=float(late or 0.0),
                late30_share=float(late30 or 0.0),
                recent_days_late=None if recent is None else float(recent),
                earlier_days_late=None if earlier is None else float(earlier),
                dispute_rate=disputed / invoiced if invoiced else 0.0,
                relationship_months=months.years * 12 + months.months,
                **self._medians(medians),
            )
        self._add_promises(histories, company, since)
        self._add_overdue(histories, company, today)
        return histories

    def _paid_query(self, company, since, today, partners=None):
        recent = today - relativedelta(months=RECENT_MONTHS)
        only = SQL()
        if partners is not None:
            only = SQL("AND move.commercial_partner_id = ANY(%s)", partners.ids)
        return SQL(
            """
            WITH invoice AS (
                SELECT move.id, move.commercial_partner_id AS partner_id,
                       move.amount_total_signed AS amount, move.invoice_date_due AS due,
                       move.invoice_date, move.payment_state
                  FROM account_move move
                 WHERE move.company_id = %(company)s AND move.move_type = 'out_invoice'
                   AND move.state = 'posted' AND move.commercial_partner_id IS NOT NULL %(only)s
            ), paid AS (
                SELECT invoice.id, invoice.partner_id, invoice.amount,
                       GREATEST(MAX(partial.max_date) - invoice.due, 0) AS days_late,
                       MAX(partial.max_date) AS paid_on
                  FROM invoice
                  JOIN account_move_line line ON line.move_id = invoice.id
                  JOIN account_partial_reconcile partial ON partial.debit_move_id = line.id
                 WHERE invoice.payment_state IN ('paid', 'in_payment') AND invoice.due IS NOT NULL
                   AND line.account_id = ANY(%(accounts)s)
              GROUP BY invoice.id, invoice.partner_id, invoice.amount, invoice.due
                HAVING MAX(partial.max_date) >= %(since)s
            ), behaviour AS (
                SELECT partner_id, COUNT(*) AS paid_count,
                       SUM(amount * days_late) / NULLIF(SUM(amount), 0) AS avg_days_late,
                       AVG((days_late > 0)::int) AS late_share,
                       AVG((days_late > 30)::int) AS late30_share,
                       SUM(amount * days_late) FILTER (WHERE paid_on >= %(recent)s)
                           / NULLIF(SUM(amount) FILTER (WHERE paid_on >= %(recent)s), 0) AS recent,
                       SUM(amount * days_late) FILTER (WHERE paid_on < %(recent)s)
                           / NULLIF(SUM(amount) FILTER (WHERE paid_on < %(recent)s), 0) AS earlier,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY days_late) AS median,
                       %(size_medians)s
                  FROM paid GROUP BY partner_id
            ), relationship AS (
                SELECT invoice.partner_id, MIN(invoice.invoice_date) AS first_invoice,
                       COUNT(*) FILTER (WHERE invoice.invoice_date >= %(since)s) AS invoiced,
                       COUNT(*) FILTER (
                           WHERE invoice.invoice_date >= %(since)s AND EXISTS (
                               SELECT 1 FROM credit_dispute_line disputed
                                WHERE disputed.move_id = invoice.id
                           )
                       ) AS disputed
                  FROM invoice GROUP BY invoice.partner_id
            )
            SELECT relationship.partner_id, behaviour.paid_count, behaviour.avg_days_late,
                   behaviour.late_share, behaviour.late30_share, behaviour.recent,
                   behaviour.earlier, relationship.first_invoice, relationship.invoiced,
                   relationship.disputed, behaviour.median, behaviour.median_small,
                   behaviour.median_medium, behaviour.median_large, behaviour.count_small,
                   behaviour.count_medium, behaviour.count_large
              FROM relationship
         LEFT JOIN behaviour USING (partner_id)
            """,
            company=company.id,
            accounts=receivable_account_ids(self.env),
            since=since,
            recent=recent,
            only=only,
            size_medians=self.env["credit.payment.median"]._size_medians_select("amount"),
        )

    def _medians(self, values):
        median, small, medium, large, count_small, count_medium, count_large = values
        return {
            "median_days_late": float(median or 0.0),
            "median_days_small": float(small or 0.0),
            "median_days_medium": float(medium or 0.0),
            "median_days_large": float(large or 0.0),
            "count_small": count_small or 0,
            "count_medium": count_medium or 0,
            "count_large": count_large or 0,
        }

    def _add_promises(self, histories, company, since):
        rows = self.env.execute_query(
            SQL(
                """
                SELECT partner_id, COUNT(*) FILTER (WHERE state = 'kept'), COUNT(*)
                  FROM credit_promise
                 WHERE company_id = %s AND state IN ('kept', 'broken') AND date_closed >= %s
              GROUP BY partner_id
                """,
                company.id,
                since,
            )
        )
        for partner_id, kept, due in rows:
            if partner_id in histories:
                histories[partner_id].promises_kept = kept
                histories[partner_id].promises_due = due

    def _add_overdue(self, histories, company, today):
        customers = self.env["res.partner"].browse(histories).with_company(company)
        customers.fetch(["credit_limit"])
        figures = self.env["credit.exposure"]._figures(customers, company, today)
        for customer in customers:
            if customer.credit_limit > 0:
                overdue = figures[customer.id].overdue
                histories[customer.id].overdue_ratio = max(overdue, 0.0) / customer.credit_limit
