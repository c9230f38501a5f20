"""SQL fragments on customer receivables, shared by exposure, ageing and KPIs.

Each function returns an ``odoo.tools.SQL`` to embed in a larger query; the
caller flushes what it reads first. Aliases the fragments expect:

* ``line``: ``account_move_line``;
* ``commercial``: the commercial partner (``res_partner``) of ``line``'s partner,
  joined by ``commercial_partner_join()``.
"""

from odoo.tools import SQL


def receivable_account_ids(env):
    """Ids of every receivable account, archived ones included (old lines keep them);
    cached until an account is created, changes type or is deleted."""
    return list(env["account.account"]._credit_receivable_account_ids())


def posted_receivable_lines_where(env):
    """Condition on ``line``: posted journal items on a receivable account.

    Literal account ids rather than a sub-select: PostgreSQL then knows how
    many lines match and joins them by hash instead of nested loops.
    """
    return SQL(
        "line.parent_state = 'posted' AND line.account_id = ANY(%s)", receivable_account_ids(env)
    )


def matched_amounts():
    """Rows (line_id, max_date, amount, amount_currency): what each partial
    reconciliation takes off a journal item, positive on its debit side and
    negative on its credit side, so that residual = balance - SUM(amount)."""
    return SQL(
        """
        SELECT debit_move_id AS line_id, max_date, amount, debit_amount_currency AS amount_currency
          FROM account_partial_reconcile
        UNION ALL
        SELECT credit_move_id, max_date, -amount, -credit_amount_currency
          FROM account_partial_reconcile
        """
    )


def residual_today_select():
    """Select list of an open item today: ids, currencies, due date, residuals."""
    return SQL(
        """
        line.id, line.company_id, line.company_currency_id AS currency_id,
        line.currency_id AS document_currency_id, line.partner_id, line.move_id,
        COALESCE(line.date_maturity, line.date) AS date_maturity,
        line.amount_residual, line.amount_residual_currency
        """
    )


def residual_at_date_select():
    """Select list of an item at a past date; needs ``matched`` (line_id, amount,
    amount_currency) summing the reconciliations dated by then."""
    return SQL(
        """
        line.id, line.company_id, line.company_currency_id AS currency_id,
        line.currency_id AS document_currency_id, line.partner_id, line.move_id,
        COALESCE(line.date_maturity, line.date) AS date_maturity,
        line.balance - COALESCE(matched.amount, 0) AS amount_residual,
        line.amount_currency - COALESCE(matched.amount_currency, 0) AS amount_residual_currency
        """
    )


def commercial_partner_join():
    """Join ``customer`` (``line``'s partner) and its ``commercial`` partner."""
    return SQL(
        """
        LEFT JOIN res_partner customer ON customer.id = line.partner_id
        LEFT JOIN res_partner commercial ON commercial.id = customer.commercial_partner_id
        """
    )


def company_dependent_column(field_name, company):
    """The value of ``commercial``'s company-dependent many2one ``field_name`` in
    ``company``: a JSON object keyed by company id. ``company`` is a record, or
    an SQL expression giving the company id."""
    key = SQL("%s", str(company.id)) if hasattr(company, "_name") else SQL("%s::text", company)
    return SQL("(%s ->> %s)::int", SQL.identifier("commercial", field_name), key)
