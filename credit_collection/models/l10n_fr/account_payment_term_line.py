from datetime import timedelta

from odoo import models
from odoo.tools import date_utils

from ..credit.account_payment_term import REFERENCE_DATES

FRENCH_CAP_DAYS = 60  # L441-10 I: 60 days from the invoice date...
FRENCH_CAP_END_OF_MONTH_DAYS = 45  # ... or 45 days end of month


def french_latest_due_date(invoice_date):
    """The latest due date L441-10 allows for an invoice of ``invoice_date``.

    60 days from the invoice date, or "45 days end of month" counted either
    way the DGCCRF admits (its note on the LME payment terms, now article
    L441-10 I of the Commercial Code): the end of the invoice's month plus 45
    days, or 45 days then the end of that month. The most favourable applies.
    """
    end_of_month = date_utils.end_of(invoice_date, "month")
    after_45_days = invoice_date + timedelta(days=FRENCH_CAP_END_OF_MONTH_DAYS)
    return max(
        invoice_date + timedelta(days=FRENCH_CAP_DAYS),
        end_of_month + timedelta(days=FRENCH_CAP_END_OF_MONTH_DAYS),
        date_utils.end_of(after_45_days, "month"),
    )


class AccountPaymentTermLine(models.Model):
    _inherit = "account.payment.term.line"

    def _credit_within_french_cap(self):
        """Whether this line's due date respects L441-10 whatever the invoice date."""
        self.ensure_one()
        return all(
            self._get_due_date(day) <= french_latest_due_date(day) for day in REFERENCE_DATES
        )
