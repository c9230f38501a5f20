from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ...groups import CREDIT_CONTROLLER_GROUP, check_group
from .credit_kpi_figures import LOOKBACK_MONTHS, kpi_ratios, month_ends, monthly_series

HISTORY_MONTHS = 12  # months shown
REFRESH_LOCK = 0x43434B5049  # advisory lock key of the KPI rebuild ("CCKPI")
# The columns the KPI queries read, flushed before they run.
FIELDS_READ = {
    "account.move.line": [
        "move_id", "company_id", "partner_id", "account_id", "parent_state", "date",
        "date_maturity", "balance",
    ],
    "account.move": [
        "invoice_user_id", "move_type",
    ],
    "credit.dispute.line": ["move_id"],
    "account.partial.reconcile": ["debit_move_id", "credit_move_id", "max_date", "amount"],
    "res.partner": ["commercial_partner_id", "credit_risk_segment_id", "credit_collector_id"],
}  # fmt: skip


class CreditKpi(models.Model):
    """Monthly collection KPIs per company, and per salesperson.

    Rows are rebuilt by ``_refresh`` (daily scheduled action, "Refresh" button)
    from one sales query and one month-end receivables query per company.
    Each row has a scope: the whole company or one salesperson. Amounts are
    in company currency; ratios average when several rows are aggregated.
    """

    _name = "credit.kpi"
    _description = "Collection KPI"
    _order = "month desc, scope, invoice_user_id"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(required=True, readonly=True, help="First day of the month.")
    scope = fields.Selection(
        [
            ("company", "Company"),
            ("salesperson", "Salesperson"),
            ("segment", "Risk Segment"),
            ("collector", "Collector"),
        ],
        required=True,
        readonly=True,
    )
    invoice_user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    credit_risk_segment_id = fields.Many2one(
        "credit.risk.segment",
        string="Risk Segment",
        readonly=True,
        help="The customers' segment today: their history follows them when they change segment.",
    )
    credit_collector_id = fields.Many2one(
        "res.users",
        string="Collector",
        readonly=True,
        help="The customers' collector today: their history follows them when they change hands.",
    )
    credit_sales = fields.Monetary(
        readonly=True, help="Customer invoices less credit notes of the month, taxes included."
    )
    receivable_start = fields.Monetary(
        string="Opening Receivables",
        readonly=True,
        help="Open receivables at the start of the month.",
    )
    receivable_end = fields.Monetary(
        string="Closing Receivables",
        readonly=True,
        help="Open receivables at the end of the month.",
    )
    receivable_current_end = fields.Monetary(
        string="Closing Not Due",
        readonly=True,
        help="Part of the closing receivables not yet due at the end of the month.",
    )
    dso = fields.Float(
        string="DSO (count-back)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Days sales outstanding, count-back: from the closing receivables, take off each "
        "month's credit sales going backwards and add that month's days; for the last, partial "
        "month add (remaining receivables / that month's sales) x its days.",
    )
    best_dso = fields.Float(
        string="Best Possible DSO",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Not yet due closing receivables / credit sales of the month x days of the month.",
    )
    average_days_delinquent = fields.Float(
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="DSO less best possible DSO: the days lost to late payment.",
    )
    collection_effectiveness = fields.Float(
        string="CEI (%)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Collection effectiveness index: (opening receivables + credit sales - closing "
        "receivables) / (opening receivables + credit sales - closing not due receivables) x 100.",
    )
    invoice_count = fields.Integer(
        string="Invoices Issued", readonly=True, help="Customer invoices dated in the month."
    )
    disputed_count = fields.Integer(
        string="Disputed Invoices",
        readonly=True,
        help="Invoices of the month the customer disputed (a dispute record, open or resolved).",
    )
    dispute_rate = fields.Float(
        string="Dispute Rate (%)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Disputed invoices / invoices issued in the month x 100.",
    )
    overdue_ratio = fields.Float(
        string="Overdue Ratio (%)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Overdue closing receivables / closing receivables x 100.",
    )

    def init(self):
        # One row per company, month and scope: two refreshes running at the same
        # time cannot both insert their rows, the second one fails and rolls back.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS credit_kpi_unique_scope_key
                ON credit_kpi (company_id, month, scope, COALESCE(invoice_user_id, 0),
                               COALESCE(credit_risk_segment_id, 0),
                               COALESCE(credit_collector_id, 0))
            """
        )

    @api.model
    def _refresh(self, companies=None, today=None):
        """Rebuild the rows of the last HISTORY_MONTHS months, this month included.
        One rebuild at a time: a second one waits for the first to commit."""
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s)", REFRESH_LOCK))
        companies = companies or self.env["res.company"].search([])
        today = today or fields.Date.context_today(self)
        first_month = today.replace(day=1) - relativedelta(months=HISTORY_MONTHS - 1)
        self.search([("company_id", "in", companies.ids)]).unlink()
        values = []
        for company in companies:
            figures = self._monthly_figures(company, first_month, today)
            values += self._kpi_values(company, figures, first_month, today)
        return self.create(values)

    def action_refresh(self):
        # Rows are derived figures, rebuilt for the user's own companies only:
        # reading and rewriting them needs no more than the reporting access.
        check_group(self.env, CREDIT_CONTROLLER_GROUP)
        [(free,)] = self.env.execute_query(
            SQL("SELECT pg_try_advisory_xact_lock(%s)", REFRESH_LOCK)
        )
        if not free:
            raise UserError(
                self.env._("The KPIs are being refreshed already: try again in a minute.")
            )
        self.sudo()._refresh(self.env.companies)
        return {"type": "ir.actions.client", "tag": "reload"}

    @api.model
    def _monthly_figures(self, company, first_month, today):
        """{(user_id, segment_id, collector_id, month): {"sales", "ar", ...}}."""
        for model, field_names in FIELDS_READ.items():
            self.env[model].flush_model(field_names)
        figures = monthly_series()
        sales_from = first_month - relativedelta(months=LOOKBACK_MONTHS + 1)
        for *key, sales, invoices, disputed in self.env.execute_query(
            self._sales_query(company, sales_from, today)
        ):
            figures[tuple(key)].update(sales=sales, invoices=invoices, disputed=disputed)
        for *key, receivable, current in self.env.execute_query(
            self._receivables_query(company, month_ends(first_month, today))
        ):
            figures[tuple(key)].update(ar=receivable, current=current)
        return figures

    @api.model
    def _kpi_values(self, company, figures, first_month, today):
        per_scope = {("company", False, False, False): monthly_series()}
        for (user_id, segment_id, collector_id, month), numbers in figures.items():
            scopes = [("company", False, False, False)]
            scopes += [("salesperson", user_id, False, False)] if user_id else []
            scopes += [("segment", False, segment_id, False)] if segment_id else []
            scopes += [("collector", False, False, collector_id)] if collector_id else []
            for scope in scopes:
                series = per_scope.setdefault(scope, monthly_series())
                for key, amount in numbers.items():
                    series[month][key] += amount or 0
        values = []
        for (scope, user_id, segment_id, collector_id), series in per_scope.items():
            month = first_month
            while month <= today:
                row = self._kpi_row(
                    company, scope, user_id, month=month, series=series, today=today
                )
                values.append(
                    dict(row, credit_risk_segment_id=segment_id, credit_collector_id=collector_id)
                )
                month += relativedelta(months=1)
        return values

    @api.model
    def _kpi_row(self, company, scope, user_id, *, month, series, today):
        current, previous = series[month], series[month - relativedelta(months=1)]
        round_amount = company.currency_id.round
        return {
            "company_id": company.id,
            "scope": scope,
            "invoice_user_id": user_id,
            "month": month,
            "credit_sales": round_amount(current["sales"]),
            "receivable_start": round_amount(previous["ar"]),
            "receivable_end": round_amount(current["ar"]),
            "receivable_current_end": round_amount(current["current"]),
            "invoice_count": current["invoices"],
            "disputed_count": current["disputed"],
            **kpi_ratios(series, month, today),
        }
