from dataclasses import dataclass

from odoo import api, fields, models, tools
from odoo.tools import SQL, format_amount

from ...receivable_sql import receivable_account_ids
from .credit_exposure_store import STALE, STORE

# The columns the exposure query reads, flushed before it runs.
FIELDS_READ = {
    "res.partner": ["commercial_partner_id"],
    "account.move.line": [
        "partner_id", "company_id", "parent_state", "account_id", "reconciled",
        "amount_residual", "date_maturity",
    ],
    "account.move": [
        "commercial_partner_id", "company_id", "state", "move_type", "amount_total_signed",
        "credit_einvoice_status",
    ],
    "sale.order": ["partner_invoice_id", "company_id", "state", "currency_rate"],
    "sale.order.line": [
        "order_id", "display_type", "price_total", "product_uom_qty", "qty_invoiced",
    ],
}  # fmt: skip
CHECK_PARTNER_FIELDS = [
    "commercial_partner_id",
    "credit_hold",
    "credit_limit",
    "credit_risk_segment_id",
]


@dataclass
class CreditCheck:
    """What confirming a quotation needs to know of its customer in a company."""

    partner_id: int  # the commercial partner
    hold: bool
    prepayment_required: bool
    limit: float
    exposure: float


@dataclass
class CreditFigures:
    """Credit position of one customer in one company, in company currency."""

    receivable: float = 0.0
    overdue: float = 0.0
    oldest_overdue_days: int = 0
    draft_invoices: float = 0.0
    orders: float = 0.0

    @property
    def exposure(self):
        return self.receivable + self.draft_invoices + self.orders


class CreditExposure(models.AbstractModel):
    """Computes customers' credit exposure, for any number of them, in one query.

    Exposure of a commercial partner (its contacts and addresses roll up) in a
    company, in company currency:

    * open receivables: residual of posted, unreconciled receivable items;
      credit notes and unapplied payments are negative and reduce it;
    * of which overdue: residual of items past due, less the unapplied credits
      (the customer may use them on its oldest invoices), never below zero;
    * draft customer invoices and credit notes;
    * confirmed sales orders not yet invoiced, taxes included: the share of
      each line's total whose quantity is not on an invoice (draft ones are
      counted above) at the order's rate.

    The query ignores record rules on purpose: a salesperson who sees only his
    own orders must still be checked against everything the customer owes.
    """

    _name = "credit.exposure"
    _description = "Credit Exposure"

    def _figures(self, commercial_partners, company, today=None):
        """{commercial partner id: CreditFigures} for every given partner."""
        today = today or fields.Date.context_today(self)
        self._flush_fields_read()
        rows = self.env.execute_query_dict(self._figures_query(commercial_partners, company, today))
        currency = company.currency_id
        figures = {partner_id: CreditFigures() for partner_id in commercial_partners.ids}
        for row in rows:
            credits = row["credits"] or 0.0
            overdue = max(currency.round((row["overdue_debit"] or 0.0) + credits), 0.0)
            figures[row["partner_id"]] = CreditFigures(
                receivable=currency.round(row["receivable"] or 0.0),
                overdue=overdue,
                oldest_overdue_days=(today - row["oldest_due"]).days
                if overdue and row["oldest_due"]
                else 0,
                draft_invoices=currency.round(row["draft_invoices"] or 0.0),
                orders=currency.round(row["orders"] or 0.0),
            )
        return figures

    def _checks(self, invoice_partners, company):
        """{invoice partner id: CreditCheck} of the customers of ``invoice_partners``
        in ``company``: one query reads the hold, the segment's prepayment, the limit
        and the stored exposure; a customer changed since it was stored (in the
        last minutes) has its exposure computed by a second one."""
        self._flush_fields_read()
        self.env["res.partner"].flush_model(CHECK_PARTNER_FIELDS)
        self.env["credit.risk.segment"].flush_model(["prepayment_required"])
        rows = self.env.execute_query(
            SQL(
                "%s WHERE invoice_partner.id = ANY(%s)",
                self._checks_query(company.id),
                invoice_partners.ids,
            )
        )
        stale = self.env["res.partner"].browse({row[1] for row in rows if row[6]})
        live = self._figures(stale, company) if stale else {}
        return {
            invoice_partner_id: CreditCheck(
                partner_id,
                hold,
                prepayment,
                limit,
                live[partner_id].exposure if is_stale else float(exposure),
            )
            for invoice_partner_id, partner_id, hold, prepayment, limit, exposure, is_stale in rows
        }

    @api.model
    @tools.ormcache("company_id")
    def _checks_query(self, company_id):
        """The query of ``_checks`` but its WHERE clause, written once per company
        (until the next change of defaults): writing it costs as much as running it."""
        partner = self.env["res.partner"].sudo().with_company(company_id)
        return SQL(
            """
            SELECT invoice_partner.id, commercial.id, COALESCE(%(hold)s, false),
                   COALESCE(segment.prepayment_required, false), COALESCE(%(limit)s, 0),
                   COALESCE(stored.receivable + stored.draft_invoices + stored.orders, 0),
                   EXISTS(SELECT FROM %(stale)s stale
                            JOIN res_partner member ON member.id = stale.partner_id
                           WHERE member.commercial_partner_id = commercial.id
                             AND (stale.company_id = %(company)s OR stale.company_id IS NULL))
              FROM res_partner invoice_partner
              JOIN res_partner commercial ON commercial.id = invoice_partner.commercial_partner_id
         LEFT JOIN credit_risk_segment segment ON segment.id = %(segment)s
         LEFT JOIN %(store)s stored
                ON stored.partner_id = commercial.id AND stored.company_id = %(company)s
            """,
            hold=partner._field_to_sql("commercial", "credit_hold"),
            limit=partner._field_to_sql("commercial", "credit_limit"),
            segment=partner._field_to_sql("commercial", "credit_risk_segment_id"),
            stale=SQL.identifier(STALE),
            store=SQL.identifier(STORE),
            company=company_id,
        )

    def _partners_by_figure_query(self, company, figure, operator, value):
        """SQL selecting the partners (contacts included, through their commercial
        partner) whose ``figure`` in ``company`` compares with ``value``: the same
        figures as the Credit tab, in one query. ``figure``: ``available`` (limit
        less exposure) or ``usage_percent``; both are 0 without a limit."""
        self._flush_fields_read()
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        partner = self.env["res.partner"].sudo().with_company(company)
        limit = partner._field_to_sql("commercial", "credit_limit")
        exposure = SQL("COALESCE(figure.exposure, 0)")
        if figure == "available":
            amount = SQL(
                "ROUND(%s::numeric, %s) - %s", limit, company.currency_id.decimal_places, exposure
            )
        else:
            amount = SQL("100.0 * %s / %s", exposure, limit)
        return SQL(
            """
            (SELECT member.id
               FROM res_partner member
               JOIN res_partner commercial ON commercial.id = member.commercial_partner_id
          LEFT JOIN (%(figures)s) figure ON figure.partner_id = commercial.id
              WHERE CASE WHEN COALESCE(%(limit)s, 0) = 0 THEN 0 ELSE %(amount)s END
                    %(operator)s %(value)s)
            """,
            figures=self.env["credit.exposure.store"]._exposure_query(company),
            limit=limit,
            amount=amount,
            operator=SQL(operator),
            value=value,
        )

    def _flush_fields_read(self):
        for model, field_names in FIELDS_READ.items():
            self.env[model].flush_model(field_names)

    def _over_limit_message(self, customer, figure, company, *, order_amount=None):
        """Why ``customer`` is (or, with an order of ``order_amount`` in company
        currency, would go) over its credit limit in ``company``, figure by
        figure; None when within it or without a limit. Shown when a quotation
        is refused and on the banner of quotations and draft invoices."""
        currency = company.currency_id
        limit = customer.with_company(company).sudo().credit_limit
        total = figure.exposure + (order_amount or 0.0)
        if not limit or currency.compare_amounts(total, limit) <= 0:
            return None

        def amount(value):
            return format_amount(self.env, value, currency)

        lines = [
            self.env._("%s would exceed its credit limit.", customer.name)
            if order_amount is not None
            else self.env._("%s is over its credit limit.", customer.name),
            self.env._("Credit limit: %s", amount(limit)),
            self.env._(
                "Open receivables: %(receivable)s (of which overdue: %(overdue)s)",
                receivable=amount(figure.receivable),
                overdue=amount(figure.overdue),
            ),
            self.env._("Draft invoices: %s", amount(figure.draft_invoices)),
            self.env._("Confirmed orders not invoiced: %s", amount(figure.orders)),
        ]
        if order_amount is not None:
            lines.append(self.env._("This order: %s", amount(order_amount)))
        lines += [
            self.env._("Total exposure: %s", amount(total)),
            self.env._("Excess: %s", amount(total - limit)),
        ]
        return "\n".join(lines)

    def _figures_query(self, commercial_partners, company, today, *, accounts=None):
        """Rows of the figures of ``commercial_partners``: a recordset, or an SQL
        query selecting their ids. ``accounts``: the receivable account ids, when
        the caller already has them."""
        if isinstance(commercial_partners, SQL):
            partners = SQL("ANY(ARRAY(%s))", commercial_partners)
        else:
            partners = SQL("ANY(%s)", commercial_partners.ids)
        return SQL(
            """
            WITH members AS (
                SELECT id, commercial_partner_id FROM res_partner
                 WHERE commercial_partner_id = %(partners)s
            ), receivable AS (
                SELECT members.commercial_partner_id AS partner_id,
                       SUM(line.amount_residual) AS receivable,
                       SUM(line.amount_residual) FILTER (
                           WHERE line.amount_residual > 0 AND line.date_maturity < %(today)s
                       ) AS overdue_debit,
                       SUM(line.amount_residual) FILTER (WHERE line.amount_residual < 0) AS credits,
                       MIN(line.date_maturity) FILTER (
                           WHERE line.amount_residual > 0 AND line.date_maturity < %(today)s
                       ) AS oldest_due
                  FROM account_move_line line
                  JOIN members ON members.id = line.partner_id
                 WHERE line.company_id = %(company)s
                   AND line.parent_state = 'posted'
                   AND line.account_id = ANY(%(accounts)s)
                   AND NOT line.reconciled
                   AND line.move_id NOT IN (  -- rejected e-invoices do not legally exist
                       SELECT id FROM account_move WHERE credit_einvoice_status = 'rejected'
                   )
                 GROUP BY 1
            ), draft AS (
                SELECT move.commercial_partner_id AS partner_id,
                       SUM(move.amount_total_signed) AS draft_invoices
                  FROM account_move move
                 WHERE move.commercial_partner_id = %(partners)s
                   AND move.company_id = %(company)s
                   AND move.state = 'draft'
                   AND move.move_type IN ('out_invoice', 'out_refund')
                 GROUP BY 1
            ), orders AS (
                SELECT members.commercial_partner_id AS partner_id,
                       SUM(order_line.price_total
                           * GREATEST(order_line.product_uom_qty - order_line.qty_invoiced, 0)
                           / order_line.product_uom_qty
                           / COALESCE(NULLIF(sale.currency_rate, 0), 1)) AS orders
                  FROM sale_order_line order_line
                  JOIN sale_order sale ON sale.id = order_line.order_id
                  JOIN members ON members.id = sale.partner_invoice_id
                 WHERE sale.company_id = %(company)s
                   AND sale.state = 'sale'
                   AND order_line.display_type IS NULL
                   AND order_line.product_uom_qty > 0
                 GROUP BY 1
            )
            SELECT partner_id, receivable.receivable, receivable.overdue_debit,
                   receivable.credits, receivable.oldest_due,
                   draft.draft_invoices, orders.orders
              FROM receivable
              FULL JOIN draft USING (partner_id)
              FULL JOIN orders USING (partner_id)
            """,
            partners=partners,
            today=today,
            company=company.id,
            accounts=accounts or receivable_account_ids(self.env),
        )
