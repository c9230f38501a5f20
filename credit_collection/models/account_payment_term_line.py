from datetime import date, timedelta

from odoo import models

FRENCH_CAP_DAYS = 60  # L441-10 I: 60 days from the invoice date...
FRENCH_CAP_END_OF_MONTH_DAYS = 45  # ... or 45 days end of month
# Invoice dates tried to find a term's longest delay: every day of a leap year.
REFERENCE_DATES = [date(2024, 1, 1) + timedelta(days=offset) for offset in range(366)]


class AccountPaymentTermLine(models.Model):
    _inherit = "account.payment.term.line"

    def _credit_longest_delay(self):
        self.ensure_one()
        return max((self._get_due_date(day) - day).days for day in REFERENCE_DATES)

    def _credit_within_french_cap(self):
        self.ensure_one()
        if self._credit_longest_delay() <= FRENCH_CAP_DAYS:
            return True
        # "45 days end of month", read either way: end of month then 45 days,
        # or 45 days then end of month.
        end_of_month_styles = self.delay_type == "days_after_end_of_month" or (
            self.delay_type == "days_end_of_month_on_the" and self.days_next_month in ("0", "31")
        )
        return end_of_month_styles and self.nb_days <= FRENCH_CAP_END_OF_MONTH_DAYS
