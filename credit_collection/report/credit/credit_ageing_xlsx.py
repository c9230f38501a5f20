import io

import xlsxwriter

from odoo import api, fields, models

from ...groups import CREDIT_MANAGER_GROUP
from .credit_ageing_line import AGEING_BUCKETS


class CreditAgeingXlsx(models.AbstractModel):
    """Aged balance workbook: one row per customer, bucket columns, optional detail sheet.

    Written with xlsxwriter in constant-memory mode: rows go out in order and
    are never held in memory. Labels follow the user's language.
    """

    _name = "credit.ageing.xlsx"
    _description = "Aged Balance Workbook"

    @api.model
    def workbook_filename(self, company, date):
        return self.env._(
            "aged_balance_%(company)s_%(date)s.xlsx", company=company.name, date=date
        ).replace(" ", "_")

    @api.model
    def build_workbook(self, company, date, include_detail=False):
        lines = self.env["credit.ageing.line"].with_context(
            credit_ageing_date=fields.Date.to_string(date)
        )
        # rows at every date share their ids (the journal items): drop cached values
        lines.invalidate_model()
        domain = [("company_id", "=", company.id)]
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        styles = self._styles(workbook, company.currency_id)
        self._write_summary_sheet(workbook, styles, lines, domain, company=company, date=date)
        if include_detail:
            self._write_detail_sheet(workbook, styles, lines, domain)
        workbook.close()
        return output.getvalue()

    def _styles(self, workbook, currency):
        decimals = "0" * currency.decimal_places
        amount = f"#,##0.{decimals}" if decimals else "#,##0"
        symbol = f'"{currency.symbol}"'
        if currency.position == "before":
            amount_format = f"{symbol}\u00a0{amount};-{symbol}\u00a0{amount}"
        else:
            amount_format = f"{amount}\u00a0{symbol};-{amount}\u00a0{symbol}"
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#E9ECEF", "bottom": 1, "text_wrap": True}
            ),
            "amount": workbook.add_format({"num_format": amount_format}),
            "total": workbook.add_format({"num_format": amount_format, "bold": True, "top": 1}),
            "percent": workbook.add_format({"num_format": "0.0%"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "bold": workbook.add_format({"bold": True, "top": 1}),
        }

    def _setup_printing(self, sheet, header_row):
        """Landscape, one page wide, header repeated on every page."""
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(header_row)

    def _bucket_labels(self):
        selection = dict(
            self.env["credit.ageing.line"]._fields["bucket"]._description_selection(self.env)
        )
        return [(key, selection[key]) for key, _label in AGEING_BUCKETS]

    def _amounts_per_partner(self, lines, domain):
        """{partner id: {bucket: amount}} in one grouped query (the pivot's)."""
        amounts = {}
        rows = lines._pivot_rows(domain, ["partner_id", "bucket"], ["amount_residual"])
        for partner_id, bucket, _count, amount in rows:
            amounts.setdefault(partner_id, {})[bucket] = amount
        return amounts

    def _write_summary_sheet(self, workbook, styles, lines, domain, *, company, date):
        sheet = workbook.add_worksheet(self.env._("Aged Balance"))
        buckets = self._bucket_labels()
        headers = [self.env._("Customer")] + [label for _key, label in buckets]
        headers += [
            self.env._("Total"),
            self.env._("% of Total"),
            self.env._("Credit Limit"),
            self.env._("Exposure"),
        ]
        title = self.env._(
            "Aged balance of %(company)s at %(date)s", company=company.name, date=date
        )
        sheet.write(0, 0, title, styles["title"])
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, len(headers) - 1, 15)
        sheet.write_row(2, 0, headers, styles["header"])
        sheet.freeze_panes(3, 1)
        self._setup_printing(sheet, header_row=2)

        amounts = self._amounts_per_partner(lines, domain)
        rows = self._summary_rows(amounts, company)
        grand_total = sum(sum(per_bucket.values()) for per_bucket in amounts.values())
        row = 3
        for name, credit_limit, exposure, per_bucket in rows:
            total = sum(per_bucket.values())
            sheet.write(row, 0, name)
            for col, (key, _label) in enumerate(buckets, start=1):
                sheet.write_number(row, col, per_bucket.get(key, 0.0), styles["amount"])
            col = len(buckets) + 1
            sheet.write_number(row, col, total, styles["amount"])
            share = total / grand_total if grand_total else 0.0
            sheet.write_number(row, col + 1, share, styles["percent"])
            sheet.write_number(row, col + 2, credit_limit, styles["amount"])
            sheet.write_number(row, col + 3, exposure, styles["amount"])
            row += 1
        self._write_totals(
            sheet, styles, row, total_col=len(buckets) + 1, amounts=amounts, buckets=buckets
        )
        sheet.autofilter(2, 0, max(row - 1, 2), len(headers) - 1)

    def _summary_rows(self, amounts, company):
        """(name, credit limit, exposure, amounts per bucket) per customer, by name."""
        partners = self.env["res.partner"].browse(
            [partner_id for partner_id in amounts if partner_id]
        )
        fields_to_read = ["display_name", "credit_limit", "credit_exposure"]
        values = {data["id"]: data for data in partners.with_company(company).read(fields_to_read)}
        rows = []
        for partner_id, per_bucket in amounts.items():
            data = values.get(partner_id, {"display_name": self.env._("Without customer")})
            rows.append(
                (
                    data["display_name"],
                    data.get("credit_limit") or 0.0,
                    data.get("credit_exposure") or 0.0,
                    per_bucket,
                )
            )
        return sorted(rows, key=lambda row: row[0].lower())

    def _write_totals(self, sheet, styles, row, *, total_col, amounts, buckets):
        sheet.write(row, 0, self.env._("Total"), styles["bold"])
        for col, (key, _label) in enumerate(buckets, start=1):
            bucket_total = sum(per_bucket.get(key, 0.0) for per_bucket in amounts.values())
            sheet.write_number(row, col, bucket_total, styles["total"])
        grand_total = sum(sum(per_bucket.values()) for per_bucket in amounts.values())
        sheet.write_number(row, total_col, grand_total, styles["total"])

    def _write_detail_sheet(self, workbook, styles, lines, domain):
        sheet = workbook.add_worksheet(self.env._("Detail"))
        labels = dict(self._bucket_labels())
        headers = [
            self.env._("Customer"), self.env._("Document"), self.env._("Salesperson"), self.env._("Invoice Date"), self.env._("Due Date"),
            self.env._("Days Past Due"), self.env._("Ageing"), self.env._("Amount Due"),
        ]  # fmt: skip
        sheet.set_column(0, 2, 30)
        sheet.set_column(3, 7, 14)
        sheet.write_row(0, 0, headers, styles["header"])
        sheet.freeze_panes(1, 1)
        self._setup_printing(sheet, header_row=0)
        records = lines.search_fetch(
            domain,
            ["partner_id", "move_id", "invoice_user_id", "invoice_date", "date_maturity",
             "days_past_due", "bucket", "amount_residual"],
            order="partner_id, date_maturity, id",
        )  # fmt: skip
        row = 1
        for line in records:
            sheet.write(row, 0, line.partner_id.display_name or "")
            sheet.write(row, 1, line.move_id.name or "")
            sheet.write(row, 2, line.invoice_user_id.name or "")
            if line.invoice_date:
                sheet.write_datetime(row, 3, line.invoice_date, styles["date"])
            sheet.write_datetime(row, 4, line.date_maturity, styles["date"])
            sheet.write_number(row, 5, line.days_past_due)
            sheet.write(row, 6, labels[line.bucket])
            sheet.write_number(row, 7, line.amount_residual, styles["amount"])
            row += 1
        sheet.autofilter(0, 0, max(row - 1, 1), len(headers) - 1)

    @api.model
    def _cron_mail_weekly_aged_balance(self):
        """Mail today's aged balance of each company to its credit managers."""
        managers = self.env.ref(CREDIT_MANAGER_GROUP).users.filtered(
            lambda user: user.email and user.active
        )
        today = fields.Date.context_today(self)
        for company in managers.company_ids:
            recipients = managers.filtered(
                lambda user, company=company: company in user.company_ids
            )
            self._mail_aged_balance(company, today, recipients)

    def _mail_aged_balance(self, company, date, recipients):
        content = self.build_workbook(company, date)
        filename = self.workbook_filename(company, date)
        attachment = self.env["ir.attachment"].create(
            {"name": filename, "raw": content, "res_model": "res.company", "res_id": company.id}
        )
        self.env["mail.mail"].create(
            {
                "subject": self.env._(
                    "Aged balance of %(company)s at %(date)s", company=company.name, date=date
                ),
                "body_html": self.env._(
                    "<p>The aged balance of %(company)s is attached.</p>", company=company.name
                ),
                "email_from": company.email_formatted or self.env.user.email_formatted,
                "recipient_ids": [(6, 0, recipients.partner_id.ids)],
                "attachment_ids": [(6, 0, attachment.ids)],
            }
        )
