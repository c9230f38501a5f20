from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, format_date

TOP_CUSTOMERS = 10
FORECAST_WEEKS = 4
DSO_MONTHS = 6


class CreditOverview(models.TransientModel):
    """Credit & Collections > Overview: the figures a finance manager watches, for
    the current company, with buttons to the reports behind them."""

    _name = "credit.overview"
    _description = "Credit Overview"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    dso = fields.Float(string="DSO (days)", digits=(16, 1), compute="_compute_kpis")
    dso_trend = fields.Char(string="DSO, last months", compute="_compute_kpis")
    overdue_percent = fields.Float(string="Overdue (%)", digits=(16, 1), compute="_compute_kpis")
    forecast_amount = fields.Monetary(string="Expected in 4 Weeks", compute="_compute_forecast")
    at_risk_amount = fields.Monetary(string="At Risk", compute="_compute_forecast")
    top_partner_ids = fields.Many2many(
        "res.partner", string="Top Customers by Exposure", compute="_compute_top_partners"
    )
    concentration = fields.Text(compute="_compute_concentration")
    concentration_warning = fields.Char(compute="_compute_concentration")
    over_insured_count = fields.Integer(
        string="Customers over Insured Limit", compute="_compute_over_insured"
    )

    def _compute_display_name(self):
        for overview in self:
            overview.display_name = self.env._("Overview")

    @api.model
    def action_open(self):
        overview = self.create({})
        overview.invalidate_recordset()  # create caches its lists empty: compute them on read
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Overview"),
            "res_model": self._name,
            "res_id": overview.id,
            "view_mode": "form",
            "target": "current",
        }

    def _compute_kpis(self):
        for overview in self:
            rows = self.env["credit.kpi"].search(
                [("company_id", "=", overview.company_id.id), ("scope", "=", "company")],
                order="month desc",
                limit=DSO_MONTHS,
            )
            latest = rows[:1]
            overview.dso = latest.dso
            overview.overdue_percent = latest.overdue_ratio
            overview.dso_trend = " · ".join(
                f"{format_date(self.env, row.month, date_format='MMM yyyy')}: {row.dso:.1f}"
                for row in reversed(rows)
            )

    def _compute_forecast(self):
        end = fields.Date.context_today(self) + timedelta(weeks=FORECAST_WEEKS)
        for overview in self:
            groups = self.env["credit.forecast.line"]._read_group(
                [("company_id", "=", overview.company_id.id), ("expected_date", "<", end)],
                ["at_risk"],
                ["amount:sum"],
            )
            sums = dict(groups)
            overview.forecast_amount = sums.get(False, 0.0)
            overview.at_risk_amount = sums.get(True, 0.0)

    def _compute_top_partners(self):
        store = self.env["credit.exposure.store"]
        for overview in self:
            rows = self.env.execute_query(
                SQL(
                    "SELECT partner_id FROM (%s) exposure ORDER BY exposure DESC NULLS LAST LIMIT %s",
                    store._exposure_query(overview.company_id),
                    TOP_CUSTOMERS,
                )
            )
            overview.top_partner_ids = [partner_id for (partner_id,) in rows]

    def _compute_concentration(self):
        for overview in self:
            company = overview.company_id
            figures = self.env["credit.concentration"]._figures(company)
            receivable, revenue = figures["receivable"], figures["revenue"]
            lines = [
                self.env._(
                    "Top %(top)s customers: %(receivable)s %% of receivables, %(revenue)s %% of "
                    "12-month revenue",
                    top=top,
                    receivable=format(receivable[top], ".1f"),
                    revenue=format(revenue[top], ".1f"),
                )
                for top in receivable
            ]
            if figures["equity_ratio"] is not None:
                lines.append(
                    self.env._(
                        "Credit limits granted: %(limits)s, %(ratio)s times the equity",
                        limits=company.currency_id.format(figures["limits"]),
                        ratio=format(figures["equity_ratio"], ".2f"),
                    )
                )
            overview.concentration = "\n".join(lines)
            overview.concentration_warning = ", ".join(
                f"{partner.name} ({share:.1f} %)" for partner, share in figures["over"]
            )

    def _compute_over_insured(self):
        for overview in self:
            action = (
                self.env["credit.insurance.limit"]
                .with_company(overview.company_id)
                .action_over_insured_limit()
            )
            overview.over_insured_count = len(action["domain"][0][2])

    def action_open_dso(self):
        return self.env["ir.actions.act_window"]._for_xml_id("credit_collection.credit_kpi_action")

    def action_open_forecast(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "credit_collection.credit_forecast_line_action"
        )

    def action_open_over_insured(self):
        return self.env["credit.insurance.limit"].action_over_insured_limit()
