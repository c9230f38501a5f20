from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from ...receivable_sql import commercial_partner_join, posted_receivable_lines_where

# Ageing columns of an outstanding statement: (key, first day late, last day late).
STATEMENT_BUCKETS = (
    ("current", None, 0),
    ("1_30", 1, 30),
    ("31_60", 31, 60),
    ("61_90", 61, 90),
    ("over_90", 91, None),
)


class CreditStatementLedger(models.AbstractModel):
    """What a statement of account shows, read from the receivable journal items of
    many customers at once (one query per question, whatever their number).

    Amounts come from the ledger itself: an outstanding statement lists each item's
    residual at the date (the reconciliations dated by then taken off), an activity
    statement the opening balance, each entry of the period and the closing balance,
    so that a statement's total is the sum of the customer's receivable lines at
    that date.
    """

    _name = "credit.statement.ledger"
    _description = "Statement of Account Figures"

    def _flush(self):
        self.env["account.move.line"].flush_model(
            ["parent_state", "account_id", "partner_id", "company_id", "date", "balance",
             "amount_currency", "currency_id", "date_maturity", "move_id"]
        )  # fmt: skip
        self.env["account.move"].flush_model(["name", "ref", "move_type", "origin_payment_id"])
        self.env["account.partial.reconcile"].flush_model()
        self.env["res.partner"].flush_model(["commercial_partner_id"])

    @api.model
    def _outstanding(self, company, partners, date):
        """{commercial partner id: [open item]} at ``date``: each item a dict with the
        document, its dates, days late, bucket and residuals (company and document
        currency), oldest due first."""
        self._flush()
        rows = self.env.execute_query_dict(
            SQL(
                """
                WITH item AS (
                    SELECT line.id, commercial.id AS partner_id, line.move_id, line.date,
                           COALESCE(line.date_maturity, line.date) AS date_due,
                           line.currency_id, line.balance, line.amount_currency
                      FROM account_move_line line
                      %(commercial)s
                     WHERE %(posted)s AND line.company_id = %(company)s
                       AND commercial.id = ANY(%(partners)s) AND line.date <= %(date)s
                ),
                matched AS (
                    SELECT part.debit_move_id AS line_id, part.amount,
                           part.debit_amount_currency AS amount_currency
                      FROM account_partial_reconcile part
                     WHERE part.debit_move_id IN (SELECT id FROM item) AND part.max_date <= %(date)s
                 UNION ALL
                    SELECT part.credit_move_id, -part.amount, -part.credit_amount_currency
                      FROM account_partial_reconcile part
                     WHERE part.credit_move_id IN (SELECT id FROM item)
                       AND part.max_date <= %(date)s
                ),
                residual AS (
                    SELECT matched.line_id, SUM(matched.amount) AS amount,
                           SUM(matched.amount_currency) AS amount_currency
                      FROM matched GROUP BY matched.line_id
                )
                SELECT item.partner_id, item.move_id, move.name, move.ref, move.move_type,
                       move.origin_payment_id IS NOT NULL AS is_payment,
                       item.date, item.date_due, item.currency_id, item.amount_currency,
                       item.balance - COALESCE(residual.amount, 0) AS residual,
                       item.amount_currency - COALESCE(residual.amount_currency, 0)
                           AS residual_currency
                  FROM item
                  JOIN account_move move ON move.id = item.move_id
             LEFT JOIN residual ON residual.line_id = item.id
                 WHERE ROUND(item.balance - COALESCE(residual.amount, 0), %(digits)s) != 0
              ORDER BY item.partner_id, item.date_due, item.date, item.id
                """,
                commercial=commercial_partner_join(),
                posted=posted_receivable_lines_where(self.env),
                company=company.id,
                partners=partners.commercial_partner_id.ids,
                date=date,
                digits=company.currency_id.decimal_places,
            )
        )
        items = defaultdict(list)
        for row in rows:
            row["days_late"] = max((date - row["date_due"]).days, 0)
            row["bucket"] = _bucket(row["days_late"])
            items[row["partner_id"]].append(row)
        return items

    @api.model
    def _activity(self, company, partners, date_from, date_to):
        """{commercial partner id: (opening balance, [entry])}: the balance the day
        before ``date_from`` and one entry per journal entry of the period (debit,
        credit, running balance), in the company currency."""
        self._flush()
        where = SQL(
            "%s AND line.company_id = %s AND commercial.id = ANY(%s)",
            posted_receivable_lines_where(self.env),
            company.id,
            partners.commercial_partner_id.ids,
        )
        openings = dict(
            self.env.execute_query(
                SQL(
                    """
                    SELECT commercial.id, SUM(line.balance)
                      FROM account_move_line line %s
                     WHERE %s AND line.date < %s
                  GROUP BY commercial.id
                    """,
                    commercial_partner_join(),
                    where,
                    date_from,
                )
            )
        )
        rows = self.env.execute_query_dict(
            SQL(
                """
                SELECT commercial.id AS partner_id, line.move_id, move.name, move.ref,
                       move.move_type, move.origin_payment_id IS NOT NULL AS is_payment,
                       MIN(line.date) AS date,
                       MAX(COALESCE(line.date_maturity, line.date)) AS date_due,
                       SUM(GREATEST(line.balance, 0)) AS debit,
                       SUM(GREATEST(-line.balance, 0)) AS credit
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  %s
                 WHERE %s AND line.date BETWEEN %s AND %s
              GROUP BY commercial.id, line.move_id, move.id
              ORDER BY commercial.id, MIN(line.date), line.move_id
                """,
                commercial_partner_join(),
                where,
                date_from,
                date_to,
            )
        )
        entries = defaultdict(list)
        for row in rows:
            entries[row["partner_id"]].append(row)
        activity = {}
        for partner_id in partners.commercial_partner_id.ids:
            opening = openings.get(partner_id) or 0.0
            balance = opening
            for entry in entries[partner_id]:
                balance += entry["debit"] - entry["credit"]
                entry["balance"] = balance
            activity[partner_id] = (opening, entries[partner_id])
        return activity

    @api.model
    def _customers_with_balance(self, company, date):
        """Ids of the commercial partners owing or owed something on ``date``."""
        self._flush()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT commercial.id
                  FROM account_move_line line %s
                 WHERE %s AND line.company_id = %s AND line.date <= %s
              GROUP BY commercial.id
                HAVING ROUND(SUM(line.balance), %s) != 0
                """,
                commercial_partner_join(),
                posted_receivable_lines_where(self.env),
                company.id,
                date,
                company.currency_id.decimal_places,
            )
        )
        return [partner_id for (partner_id,) in rows]

    @api.model
    def _customers_with_entries(self, company, date_from, date_to):
        """Ids of the commercial partners with receivable entries in the period."""
        self._flush()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT commercial.id
                  FROM account_move_line line %s
                 WHERE %s AND line.company_id = %s AND line.date BETWEEN %s AND %s
                """,
                commercial_partner_join(),
                posted_receivable_lines_where(self.env),
                company.id,
                date_from,
                date_to,
            )
        )
        return [partner_id for (partner_id,) in rows]


def _bucket(days_late):
    for key, first, last in STATEMENT_BUCKETS:
        if (first is None or days_late >= first) and (last is None or days_late <= last):
            return key
    return STATEMENT_BUCKETS[-1][0]
