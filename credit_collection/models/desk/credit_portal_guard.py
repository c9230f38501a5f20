from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

PORTAL_REQUESTS_PER_DAY = 3  # promises and disputes a customer may send per invoice in 24 hours
PORTAL_REQUESTS_PER_CUSTOMER_DAY = 10  # and about all its invoices together
PORTAL_PROMISE_MAX_DAYS = 60  # how far ahead a customer may promise on its own
PORTAL_LOCK = 0x4343504F  # advisory lock class of a customer's portal requests ("CCPO")


class CreditPortalGuard(models.AbstractModel):
    """What a customer may ask from the invoice's portal page, and how often.

    A customer's requests are recorded one at a time: each takes an advisory
    lock on the customer until its transaction ends, so parallel requests are
    counted instead of all passing the limit; one arriving meanwhile is asked
    to try again.
    """

    _name = "credit.portal.guard"
    _description = "Customer Portal Requests"

    @api.model
    def _check(self, invoice):
        """Raise a UserError unless ``invoice`` is open and not asked about too often."""
        if (
            invoice.move_type != "out_invoice"
            or invoice.state != "posted"
            or invoice.payment_state not in ("not_paid", "partial")
        ):
            raise UserError(self.env._("This invoice has nothing left to pay."))
        customer = invoice.commercial_partner_id
        self._lock(customer)
        since = fields.Datetime.now() - timedelta(days=1)
        if (
            self._count(since, invoice=invoice) >= PORTAL_REQUESTS_PER_DAY
            or self._count(since, customer=customer) >= PORTAL_REQUESTS_PER_CUSTOMER_DAY
        ):
            raise UserError(
                self.env._(
                    "We have already received several requests about this invoice today. "
                    "Please contact us directly."
                )
            )

    def _lock(self, customer):
        [(free,)] = self.env.execute_query(
            SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", PORTAL_LOCK, customer.id)
        )
        if not free:
            raise UserError(
                self.env._("We are recording another request of yours: try again in a moment.")
            )

    def _count(self, since, invoice=None, customer=None):
        """Portal promises and disputes since ``since``, about ``invoice`` or else
        about any invoice of ``customer``."""
        promises = [("channel", "=", "portal"), ("create_date", ">=", since)]
        disputes = [("source", "=", "portal"), ("create_date", ">=", since)]
        if invoice:
            promises.append(("move_ids", "in", invoice.ids))
            disputes.append(("line_ids.move_id", "in", invoice.ids))
        else:
            promises.append(("partner_id", "=", customer.id))
            disputes.append(("partner_id", "=", customer.id))
        return self.env["credit.promise"].sudo().search_count(promises) + self.env[
            "credit.dispute"
        ].sudo().search_count(disputes)

    def _contact(self, invoice):
        """Who the customer should call: its collector, else its salesperson, else the
        company."""
        customer = invoice.commercial_partner_id.with_company(invoice.company_id).sudo()
        person = customer.credit_collector_id or invoice.invoice_user_id
        return person.name or invoice.company_id.name
