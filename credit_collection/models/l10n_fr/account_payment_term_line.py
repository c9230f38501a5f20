from datetime import timedelta

from odoo import models
from odoo.tools import date_utils

from ..credit.account_payment_term import REFERENCE_DATES

FRENCH_CAP_DAYS = 60  # L441-10 I: 60 days from the invoice date...
FRENCH_CAP_END_OF_MONTH_DAYS = 45  # ... or 45 days end of month
PERIODIC_INVOICE_CAP_DAYS = 45  # L441-10 I al. 4: periodic invoices (CGI 289 I 3), from issue

# L441-11 II (https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038411642): sectors
# whose caps are shorter and counted otherwise.
PAYMENT_SECTORS = [
    ("road_transport", "Road haulage, vehicle hire, freight forwarding"),
    ("perishable_food", "Perishable food"),
    ("livestock", "Livestock and fresh meat"),
    ("alcohol", "Alcoholic beverages (excise duties)"),
]


def _end_of_decade(day):
    """The last day of ``day``'s ten-day period (1-10, 11-20, 21-end of month)."""
    if day.day <= 10:
        return day.replace(day=10)
    if day.day <= 20:
        return day.replace(day=20)
    return date_utils.end_of(day, "month")


def french_sector_latest_due_date(sector, invoice_date, delivery_date=None, periodic=False):
    """The latest due date of L441-11 II for ``sector``, or None for other sectors."""
    delivered = delivery_date or invoice_date
    if sector == "road_transport":  # 30 days from the invoice's issue
        return invoice_date + timedelta(days=30)
    if sector == "perishable_food":  # 30 days from delivery, or from the delivery decade's end
        return (_end_of_decade(delivered) if periodic else delivered) + timedelta(days=30)
    if sector == "livestock":  # 20 days from delivery
        return delivered + timedelta(days=20)
    if sector == "alcohol":  # 30 days after the end of the delivery month
        return date_utils.end_of(delivered, "month") + timedelta(days=30)
    return None


def french_latest_due_date(invoice_date, *, sector=None, delivery_date=None, periodic=False):
    """The latest due date French law allows for an invoice of ``invoice_date``.

    A sector of L441-11 II has its own cap; a periodic invoice, 45 days from its
    issue (L441-10 I al. 4). Otherwise 60 days from the invoice date, or "45
    days end of month" counted either way the DGCCRF admits (its note on the LME
    payment terms, now article L441-10 I of the Commercial Code): the end of the
    invoice's month plus 45 days, or 45 days then the end of that month. The most
    favourable applies.
    """
    sector_latest = french_sector_latest_due_date(sector, invoice_date, delivery_date, periodic)
    if sector_latest:
        return sector_latest
    if periodic:
        return invoice_date + timedelta(days=PERIODIC_INVOICE_CAP_DAYS)
    end_of_month = date_utils.end_of(invoice_date, "month")
    after_45_days = invoice_date + timedelta(days=FRENCH_CAP_END_OF_MONTH_DAYS)
    return max(
        invoice_date + timedelta(days=FRENCH_CAP_DAYS),
        end_of_month + timedelta(days=FRENCH_CAP_END_OF_MONTH_DAYS),
        date_utils.end_of(after_45_days, "month"),
    )


class AccountPaymentTermLine(models.Model):
    _inherit = "account.payment.term.line"

    def _credit_within_french_cap(self, sector=None, periodic=False):
        """Whether this line's due date respects French law whatever the invoice date
        (delivered on the invoice date)."""
        self.ensure_one()
        return all(
            self._get_due_date(day) <= french_latest_due_date(day, sector=sector, periodic=periodic)
            for day in REFERENCE_DATES
        )
