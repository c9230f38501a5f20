from odoo import http
from odoo.addons.account.controllers.portal import PortalAccount
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request


class CreditPortal(PortalAccount):
    """Self-service on the invoice page reached from a reminder's "View and pay"
    link: promise to pay by a date, or dispute the invoice. For the customer's
    own portal users and for visitors with the page's token; internal users work
    in the back office. A refused request shows the page again with the reason
    (HTTP 400), never a server error. The checks and the rate limit are in the
    models."""

    def _credit_invoice(self, invoice_id, access_token):
        if not request.env.user.share:
            raise AccessError(request.env._("Record promises and disputes in the back office."))
        return self._document_check_access("account.move", invoice_id, access_token)

    def _credit_render(self, invoice_sudo, access_token, status=200, **messages):
        values = self._invoice_get_page_view_values(invoice_sudo, access_token)
        response = request.render("account.portal_invoice_page", values | messages)
        response.status_code = status
        return response

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
            return self._credit_render(invoice_sudo, access_token, 400, credit_error=str(error))
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
            reason = int(reason_id or 0)
        except ValueError:
            message = request.env._("Choose the reason of your dispute in the list.")
            return self._credit_render(invoice_sudo, access_token, 400, credit_error=message)
        try:
            request.env["credit.dispute"].sudo()._create_from_portal(invoice_sudo, reason, comment)
        except UserError as error:
            return self._credit_render(invoice_sudo, access_token, 400, credit_error=str(error))
        return self._credit_render(invoice_sudo, access_token, credit_success="dispute")
