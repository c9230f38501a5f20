import base64
import io
from datetime import timedelta

import xlsxwriter

from odoo import api, fields, models

SOURCES = ("plan", "promise", "prediction")


class CreditForecastXlsx(models.AbstractModel):
    """The expected collections as a workbook: one sheet by week, one by month,
    expected amounts by source and what is at risk, in company currency."""

    _name = "credit.forecast.xlsx"
    _description = "Expected Collections Workbook"

    @api.model
    def build_workbook(self, company):
        lines = self.env["credit.forecast.line"].with_company(company)
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output)
        styles = self.env["credit.ageing.xlsx"]._styles(workbook, company.currency_id)
        for period, title in (("week", self.env._("By Week")), ("month", self.env._("By Month"))):
            self._write_sheet(
                workbook.add_worksheet(title), styles, lines, company=company, period=period
            )
        workbook.close()
        return output.getvalue()

    def _write_sheet(self, sheet, styles, lines, *, company, period):
        labels = dict(lines._fields["source"]._description_selection(self.env))
        headers = [self.env._("Period starting")] + [labels[s] for s in SOURCES] + [
            self.env._("Expected"), self.env._("At Risk")
        ]  # fmt: skip
        sheet.write_row(0, 0, headers, styles["header"])
        sheet.set_column(0, len(headers), 16)
        groups = lines._read_group(
            [("company_id", "=", company.id)],
            [f"expected_date:{period}", "source", "at_risk"],
            ["amount:sum"],
        )
        rows = {}
        if period == "week":  # every week of the horizon, 0 where nothing is expected
            start, end = lines._horizon()
            while start < end:
                rows[start] = dict.fromkeys((*SOURCES, "risk"), 0.0)
                start += timedelta(weeks=1)
        for day, source, at_risk, amount in groups:
            row = rows.setdefault(day, dict.fromkeys((*SOURCES, "risk"), 0.0))
            row["risk" if at_risk else source] += amount
        for index, (day, row) in enumerate(sorted(rows.items()), start=1):
            sheet.write_datetime(index, 0, fields.Datetime.to_datetime(day), styles["date"])
            for column, source in enumerate(SOURCES, start=1):
                sheet.write_number(index, column, row[source], styles["amount"])
            sheet.write_number(index, 4, sum(row[s] for s in SOURCES), styles["total"])
            sheet.write_number(index, 5, row["risk"], styles["amount"])

    @api.model
    def action_export(self):
        company = self.env.company
        content = self.build_workbook(company)
        name = self.env._("expected_collections_%(company)s_%(date)s.xlsx",
                          company=company.name, date=fields.Date.context_today(self))  # fmt: skip
        attachment = self.env["ir.attachment"].create(
            {"name": name.replace(" ", "_"), "datas": base64.b64encode(content)}
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
