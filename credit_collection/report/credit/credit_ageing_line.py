from odoo import api, fields, models
from odoo.tools import SQL

from ...receivable_sql import (
    company_dependent_column,
    matched_amounts,
    posted_receivable_lines_where,
    residual_at_date_select,
    residual_today_select,
)

AGEING_BUCKETS = [
    ("not_due", "Not Due"),
    ("1_30", "1-30 Days"),
    ("31_60", "31-60 Days"),
    ("61_90", "61-90 Days"),
    ("91_120", "91-120 Days"),
    ("over_120", "Over 120 Days"),
]

BUCKET_RANK = {key: rank for rank, (key, _label) in enumerate(AGEING_BUCKETS)}


class CreditAgeingLine(models.Model):
    """One row per open receivable journal item, aged at a date.

    The date is today, or ``credit_ageing_date`` from the context (the "Aged
    balance at date" wizard). At a past date only partial reconciliations dated
    on or before it reduce the residual, and documents dated after it are left
    out. Amounts are in company currency unless stated otherwise.
    """

    _name = "credit.ageing.line"
    _description = "Receivable Ageing Line"
    _auto = False
    _rec_name = "move_id"
    _order = "date_maturity, id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company Currency", readonly=True)
    document_currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    move_line_id = fields.Many2one("account.move.line", string="Journal Item", readonly=True)
    invoice_user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    credit_risk_segment_id = fields.Many2one(
        "credit.risk.segment", string="Risk Segment", readonly=True
    )
    credit_collector_id = fields.Many2one("res.users", string="Collector", readonly=True)
    invoice_date = fields.Date(readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    days_past_due = fields.Integer(
        readonly=True,
        aggregator="max",
        help="Days between the due date and the ageing date; negative before the due date.",
    )
    # group_expand: every bucket is a column, in the order of the selection
    bucket = fields.Selection(AGEING_BUCKETS, string="Ageing", readonly=True, group_expand=True)
    amount_residual = fields.Monetary(string="Amount Due", readonly=True)
    amount_residual_currency = fields.Monetary(
        string="Amount Due in Currency", currency_field="document_currency_id", readonly=True
    )

    _depends = {
        "account.move.line": [
            "account_id", "amount_residual", "amount_residual_currency", "balance",
            "amount_currency", "company_id", "currency_id", "date", "date_maturity",
            "move_id", "parent_state", "partner_id",
        ],
        "account.move": ["invoice_date", "invoice_user_id", "amount_total_signed"],
        "res.partner": ["commercial_partner_id", "credit_risk_segment_id", "credit_collector_id"],
        "account.partial.reconcile": [
            "amount", "credit_move_id", "debit_move_id", "max_date",
            "credit_amount_currency", "debit_amount_currency",
        ],
    }  # fmt: skip

    @api.model
    def _ageing_date(self):
        date = self.env.context.get("credit_ageing_date")
        return fields.Date.to_date(date) if date else fields.Date.context_today(self)

    @property
    def _table_query(self):
        ageing_date = self._ageing_date()
        if self.env.context.get("credit_ageing_date"):
            residual = self._residual_at_date_query(ageing_date)
        else:
            residual = self._residual_today_query()
        days = SQL("(%s::date - residual.date_maturity)", ageing_date)
        return SQL(
            """
            SELECT residual.id,
                   residual.id AS move_line_id,
                   residual.company_id,
                   residual.currency_id,
                   residual.document_currency_id,
                   COALESCE(partner.commercial_partner_id, residual.partner_id) AS partner_id,
                   residual.move_id,
                   move.invoice_user_id,
                   %(segment)s AS credit_risk_segment_id,
                   %(collector)s AS credit_collector_id,
                   move.invoice_date,
                   residual.date_maturity,
                   %(days)s AS days_past_due,
                   CASE WHEN %(days)s <= 0 THEN 'not_due'
                        WHEN %(days)s <= 30 THEN '1_30'
                        WHEN %(days)s <= 60 THEN '31_60'
                        WHEN %(days)s <= 90 THEN '61_90'
                        WHEN %(days)s <= 120 THEN '91_120'
                        ELSE 'over_120'
                   END AS bucket,
                   residual.amount_residual,
                   residual.amount_residual_currency
                   %(extra_columns)s
              FROM (%(residual)s) residual
         -- LEFT joins: PostgreSQL drops them when a query reads none of their columns
         LEFT JOIN account_move move ON move.id = residual.move_id
         LEFT JOIN res_partner partner ON partner.id = residual.partner_id
         LEFT JOIN res_partner commercial ON commercial.id = partner.commercial_partner_id
            %(extra_joins)s
            """,
            days=days,
            extra_columns=SQL("").join(
                SQL(", %s AS %s", expression, SQL.identifier(name))
                for name, expression in self._extra_columns().items()
            ),
            extra_joins=SQL(" ").join(self._extra_joins()),
            residual=residual,
            segment=company_dependent_column("credit_risk_segment_id", SQL("residual.company_id")),
            collector=company_dependent_column("credit_collector_id", SQL("residual.company_id")),
        )

    def _extra_columns(self):
        """Hook: {column name: SQL expression} of the columns a higher concern adds to
        each line (of ``residual``, ``move``, ``partner`` and ``commercial``)."""
        return {}

    def _extra_joins(self):
        """Hook: the [SQL] joins those columns need."""
        return []

    def _residual_today_query(self):
        return SQL(
            """
            SELECT %s
              FROM account_move_line line
             WHERE %s AND line.amount_residual != 0
            """,
            residual_today_select(),
            posted_receivable_lines_where(self.env),
        )

    def _residual_at_date_query(self, ageing_date):
        # Residual at a date: the balance less the reconciliations dated by then.
        return SQL(
            """
            SELECT %(select)s
              FROM account_move_line line
         LEFT JOIN (SELECT line_id, SUM(amount) AS amount, SUM(amount_currency) AS amount_currency
                      FROM (%(matched)s) matches
                     WHERE max_date <= %(date)s
                  GROUP BY line_id) matched ON matched.line_id = line.id
             WHERE %(where)s AND line.date <= %(date)s
               AND line.balance - COALESCE(matched.amount, 0) != 0
            """,
            select=residual_at_date_select(),
            matched=matched_amounts(),
            date=ageing_date,
            where=posted_receivable_lines_where(self.env),
        )

    @api.model  # core's signature, positional parameters included
    def read_group(  # noqa: PLR0917  # pylint: disable=too-many-positional-arguments
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """Fast path for the pivot's customers x buckets cells.

        The generic formatting normalises the domain of every cell and computes
        every customer's display name, which costs more than the query itself
        for tens of thousands of cells: here the cell domains are appended
        leaves and the names come from the stored ``complete_name``.
        """
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        measures = self._pivot_measures(fields)
        fast = groupby and set(groupby) <= {"partner_id", "bucket"} and measures is not None
        if lazy or offset or limit or orderby or not fast:
            return super().read_group(domain, fields, groupby, offset, limit, orderby, lazy)
        self.check_access("read")
        rows = self._pivot_rows(domain, groupby, measures)
        names = {}
        if "partner_id" in groupby:
            partner_index = groupby.index("partner_id")
            self.env["res.partner"].flush_model(["complete_name"])
            # one query for the names of the customers the rows already show
            names = dict(
                self.env.execute_query(
                    SQL(
                        "SELECT id, complete_name FROM res_partner WHERE id = ANY(%s)",
                        list({row[partner_index] for row in rows if row[partner_index]}),
                    )
                )
            )
        groups = [
            self._pivot_group(domain, groupby, measures, row=row, names=names) for row in rows
        ]
        return sorted(groups, key=lambda group: self._pivot_sort_key(groupby, group))

    def _pivot_rows(self, domain, groupby, measures):
        """(group values..., count, sums...) with raw ids: no record per cell."""
        query = self._search(domain)  # record rules included
        columns = [self._field_to_sql(self._table, name, query) for name in groupby]
        query.groupby = SQL(", ").join(columns)
        sums = [SQL("SUM(%s)", self._field_to_sql(self._table, name, query)) for name in measures]
        return self.env.execute_query(query.select(*columns, SQL("COUNT(*)"), *sums))

    def _pivot_sort_key(self, groupby, group):
        """Customers by name, buckets in ageing order."""
        return tuple(
            (group[name] or (0, ""))[1].lower()
            if name == "partner_id"
            else BUCKET_RANK[group[name]]
            for name in groupby
        )

    @api.model
    def _pivot_measures(self, fields):
        """The summed amounts asked for, or None when the fast path cannot serve them."""
        measures = []
        for spec in fields or []:
            name, _sep, aggregate = spec.partition(":")
            if name == "__count":
                continue
            if name not in ("amount_residual", "amount_residual_currency"):
                return None
            if aggregate not in ("", "sum"):
                return None
            measures.append(name)
        return measures

    def _pivot_group(self, domain, groupby, measures, *, row, names):
        group = {"__count": row[len(groupby)], "__domain": list(domain)}
        for name, value in zip(groupby, row, strict=False):
            if name == "partner_id":
                group[name] = (value, names[value]) if value else False
                group["__domain"].append((name, "=", value or False))
            else:
                group[name] = value
                group["__domain"].append((name, "=", value))
        for name, amount in zip(measures, row[len(groupby) + 1 :], strict=False):
            group[name] = amount
        return group

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Document"),
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
