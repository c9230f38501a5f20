from odoo import http
from odoo.addons.account.controllers.portal import PortalAccount
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request


class CreditPortal(PortalAccount):
    """Self-service on the invoice page reached from a reminder's "View and pay"
    link: promise to pay by a date, or dispute the invoice. Token-checked like
    the page itself; the checks and the rate limit are in the models."""

    def _credit_invoice(self, invoice_id, access_token):
        return self._document_check_access("account.move", invoice_id, access_token)

    def _credit_render(self, invoice_sudo, access_token, **messages):
        values = self._invoice_get_page_view_values(invoice_sudo, access_token)
        return request.render("account.portal_invoice_page", values | messages)

    @http.route(
        "/my/invoices/<int:invoice_id>/credit/promise", type="http", auth="public",
        methods=["POST"], website=True,
    )  # fmt: skip
    def credit_portal_promise(self, invoice_id, access_token=None, promise_date=None, **kw):
        try:
            invoice_sudo = self._credit_invoice(invoice_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            request.env["credit.promise"].sudo()._create_from_portal(invoice_sudo, promise_date)
        except UserError as error:
            return self._credit_render(invoice_sudo, access_token, credit_error=str(error))
        return self._credit_render(invoice_sudo, access_token, credit_success="promise")

    @http.route(
        "/my/invoices/<int:invoice_id>/credit/dispute", type="http", auth="public",
        methods=["POST"], website=True,
    )  # fmt: skip
    def credit_portal_dispute(
        self, invoice_id, access_token=None, reason_id=None, comment=None, **kw
    ):
        try:
            invoice_sudo = self._credit_invoice(invoice_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            request.env["credit.dispute"].sudo()._create_from_portal(
                invoice_sudo, reason_id, comment
            )
        except UserError as error:
            return self._credit_render(invoice_sudo, access_token, credit_error=str(error))
        return self._credit_render(invoice_sudo, access_token, credit_success="dispute")
