from dataclasses import dataclass

from odoo import api, fields, models, tools
from odoo.tools import SQL, format_amount

from ...receivable_sql import receivable_account_ids
from .credit_exposure_sql import (
    FEW,
    FIELDS_READ,
    FIGURES_QUERY,
    NO_OVERDUE_COLUMNS,
    OVERDUE_COLUMNS,
)
from .credit_exposure_store import STALE, STORE

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
        """Rows of the figures of ``commercial_partners``: a recordset, an SQL
        query selecting their ids, or None for every customer. ``today``: None for
        the exposure alone (the overdue columns are then NULL). ``accounts``: the
        receivable account ids, when the caller already has them."""
        if commercial_partners is None:
            members = SQL("commercial_partner_id IS NOT NULL")
        elif isinstance(commercial_partners, SQL):
            members = SQL("commercial_partner_id = ANY(ARRAY(%s))", commercial_partners)
        else:
            members = SQL("commercial_partner_id = ANY(%s)", commercial_partners.ids)
        # A few customers: their items through the partner index, one member at a time
        # (the semi-join steers the planner there); many: one pass over the open items.
        few = isinstance(commercial_partners, models.BaseModel) and len(commercial_partners) <= FEW
        overdue = SQL(OVERDUE_COLUMNS if today else NO_OVERDUE_COLUMNS, today=today)
        lines_of_members = SQL("line.partner_id IN (SELECT id FROM members)" if few else "TRUE")
        return SQL(
            FIGURES_QUERY,
            members=members,
            today=today,
            company=company.id,
            accounts=accounts or receivable_account_ids(self.env),
            lines_of_members=lines_of_members,
            overdue=overdue,
        )
