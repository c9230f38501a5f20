from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

PORTAL_REQUESTS_PER_DAY = 3  # promises and disputes a customer may send per invoice in 24 hours
PORTAL_PROMISE_MAX_DAYS = 60  # how far ahead a customer may promise on its own


class CreditPortalGuard(models.AbstractModel):
    """What a customer may ask from the invoice's portal page, and how often."""

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
        since = fields.Datetime.now() - timedelta(days=1)
        requests = self.env["credit.promise"].sudo().search_count(
            [("move_ids", "in", invoice.ids), ("channel", "=", "portal"),
             ("create_date", ">=", since)]
        ) + self.env["credit.dispute"].sudo().search_count(
            [("line_ids.move_id", "in", invoice.ids), ("source", "=", "portal"),
             ("create_date", ">=", since)]
        )  # fmt: skip
        if requests >= PORTAL_REQUESTS_PER_DAY:
            raise UserError(
                self.env._(
                    "We have already received several requests about this invoice today. "
                    "Please contact us directly."
                )
            )
