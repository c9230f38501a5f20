import io
from datetime import datetime, time

import xlsxwriter

from odoo import models


class CreditStatementXlsx(models.AbstractModel):
    """Statements of account as a workbook, a sheet per statement, in the customer's
    language; xlsxwriter in constant-memory mode (rows written in order)."""

    _name = "credit.statement.xlsx"
    _description = "Statement of Account Workbook"

    def _workbook(self, statements):
        figures = statements.sudo()._values()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        styles = {}
        names = set()
        for statement in statements:
            currency = statement.currency_id
            if currency not in styles:
                styles[currency] = self.env["credit.ageing.xlsx"]._styles(workbook, currency)
            localised = statement.with_context(lang=statement.partner_id.lang or self.env.lang)
            sheet = workbook.add_worksheet(_sheet_name(statement.partner_id.name, names))
            self._write_statement(sheet, styles[currency], localised, figures[statement.id])
        workbook.close()
        return output.getvalue()

    def _write_statement(self, sheet, styles, statement, figure):
        sheet.write(0, 0, statement.display_name, styles["title"])
        sheet.write(1, 0, statement.company_id.name)
        sheet.set_column(0, 3, 18)
        sheet.set_column(4, 7, 16)
        if statement.kind == "outstanding":
            self._write_outstanding(sheet, styles, statement, figure)
        else:
            self._write_activity(sheet, styles, statement, figure)

    def _write_outstanding(self, sheet, styles, statement, figure):
        headers = [statement.env._("Document"), statement.env._("Number"), statement.env._("Reference"), statement.env._("Date"), statement.env._("Due Date"),
                   statement.env._("Days Late"), statement.env._("Currency"), statement.env._("Amount in Currency"), statement.env._("Open Amount")]  # fmt: skip
        sheet.write_row(3, 0, headers, styles["header"])
        row = 4
        for item in figure["items"]:
            currency = statement.env["res.currency"].browse(item["currency_id"])
            sheet.write(row, 0, statement._document_label(item))
            sheet.write(row, 1, item["name"])
            sheet.write(row, 2, item["ref"] or "")
            sheet.write_datetime(row, 3, _datetime(item["date"]), styles["date"])
            sheet.write_datetime(row, 4, _datetime(item["date_due"]), styles["date"])
            sheet.write_number(row, 5, item["days_late"])
            sheet.write(row, 6, currency.name)
            sheet.write_number(row, 7, item["residual_currency"])
            sheet.write_number(row, 8, item["residual"], styles["amount"])
            row += 1
        row += 1
        for key, label in statement._bucket_labels():
            sheet.write(row, 7, label)
            sheet.write_number(row, 8, figure["buckets"][key], styles["amount"])
            row += 1
        sheet.write(row, 7, statement.env._("Total Due"), styles["bold"])
        sheet.write_number(row, 8, figure["closing"], styles["total"])

    def _write_activity(self, sheet, styles, statement, figure):
        headers = [statement.env._("Date"), statement.env._("Document"), statement.env._("Number"), statement.env._("Reference"), statement.env._("Due Date"),
                   statement.env._("Debit"), statement.env._("Credit"), statement.env._("Balance")]  # fmt: skip
        sheet.write_row(3, 0, headers, styles["header"])
        sheet.write_datetime(4, 0, _datetime(statement.date_from), styles["date"])
        sheet.write(4, 1, statement.env._("Opening balance"))
        sheet.write_number(4, 7, figure["opening"], styles["amount"])
        row = 5
        for entry in figure["entries"]:
            sheet.write_datetime(row, 0, _datetime(entry["date"]), styles["date"])
            sheet.write(row, 1, statement._document_label(entry))
            sheet.write(row, 2, entry["name"])
            sheet.write(row, 3, entry["ref"] or "")
            sheet.write_datetime(row, 4, _datetime(entry["date_due"]), styles["date"])
            sheet.write_number(row, 5, entry["debit"], styles["amount"])
            sheet.write_number(row, 6, entry["credit"], styles["amount"])
            sheet.write_number(row, 7, entry["balance"], styles["amount"])
            row += 1
        sheet.write_datetime(row, 0, _datetime(statement.date_to), styles["date"])
        sheet.write(row, 1, statement.env._("Closing balance"), styles["bold"])
        sheet.write_number(row, 5, figure["debit"], styles["total"])
        sheet.write_number(row, 6, figure["credit"], styles["total"])
        sheet.write_number(row, 7, figure["closing"], styles["total"])


def _datetime(date):
    return datetime.combine(date, time())


def _sheet_name(name, taken):
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique."""
    base = "".join(" " if c in "[]:*?/\\" else c for c in (name or "-"))[:28].strip() or "-"
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{base[:26]} {number}"
    taken.add(candidate.lower())
    return candidate
