import logging

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import content_disposition, request
from odoo.tools import SQL

from ..receivable_sql import commercial_partner_join, posted_receivable_lines_where

_logger = logging.getLogger(__name__)

STATEMENT_REPORT = "credit_collection.action_report_statement"
FILE_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ACTIVITY_MONTHS = 12


class CreditStatementPortal(CustomerPortal):
    """*My Statement*: a portal customer's outstanding items today and its activity over
    the last 12 months, to read on the page or download (PDF, Excel). Only the
    customer's own portal users reach it; each download is recorded as a statement
    issued on the portal."""

    def _credit_customer(self):
        user = request.env.user
        return user.partner_id.commercial_partner_id if user.share else None

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "credit_statement_count" in counters:
            customer = self._credit_customer()
            values["credit_statement_count"] = int(bool(customer and self._has_ledger(customer)))
        return values

    def _has_ledger(self, customer):
        env = request.env
        env["account.move.line"].flush_model()
        rows = env.execute_query(
            SQL(
                "SELECT 1 FROM account_move_line line %s WHERE %s AND commercial.id = %s LIMIT 1",
                commercial_partner_join(),
                posted_receivable_lines_where(env),
                customer.id,
            )
        )
        return bool(rows)

    def _credit_statement_values(self, customer, kind):
        today = fields.Date.context_today(customer)
        return {
            "partner_id": customer.id,
            "company_id": request.env.company.id,
            "kind": kind,
            "date_from": (
                fields.Date.add(today, months=-ACTIVITY_MONTHS, days=1)
                if kind == "activity"
                else False
            ),
            "date_to": today,
            "origin": "portal",
        }

    def _credit_portal_issue(self, customer, kind):
        """Today's statement of that kind issued on the portal, recorded once a day."""
        values = self._credit_statement_values(customer, kind)
        statements = request.env["credit.statement"].sudo()
        return statements.search(
            [(name, "=", value) for name, value in values.items() if name != "date_from"], limit=1
        ) or statements.create(values)

    @http.route("/my/statement", type="http", auth="user", website=True)
    def credit_portal_statement(self, **kw):
        customer = self._credit_customer()
        if not customer:
            return request.redirect("/my")
        Statement = request.env["credit.statement"].sudo()
        statements = Statement.new(self._credit_statement_values(customer, "outstanding"))
        statements |= Statement.new(self._credit_statement_values(customer, "activity"))
        values = self._prepare_portal_layout_values() | {
            "page_name": "credit_statement",
            "statements": statements,
            "figures": statements._values(),
            "credit_error": bool(kw.get("error")),
        }
        return request.render("credit_collection.portal_my_statement", values)

    @http.route(
        "/my/statement/<string:kind>/<string:file_type>", type="http", auth="user",
        website=True,
    )  # fmt: skip
    def credit_portal_statement_download(self, kind, file_type, **kw):
        customer = self._credit_customer()
        if not customer or kind not in ("outstanding", "activity") or file_type not in FILE_TYPES:
            return request.redirect("/my")
        try:
            with request.env.cr.savepoint():
                statement = self._credit_portal_issue(customer, kind)
                content, file_type = self._credit_portal_file(statement, file_type)
        except Exception:  # the customer gets a message, never a server error
            _logger.exception("The portal statement of %s could not be prepared", customer.name)
            return request.redirect("/my/statement?error=1")
        name = statement.with_context(lang=customer.lang)._file_name(file_type)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", FILE_TYPES.get(file_type, "text/html")),
                ("Content-Disposition", content_disposition(name)),
            ],
        )

    def _credit_portal_file(self, statement, file_type):
        """(content, extension): the workbook, or the PDF (HTML under tests)."""
        if file_type == "xlsx":
            return request.env["credit.statement.xlsx"].sudo()._workbook(statement), "xlsx"
        report = request.env["ir.actions.report"].sudo()
        return report._render_qweb_pdf(STATEMENT_REPORT, statement.ids)
