from datetime import date, timedelta

from odoo import models

# Invoice dates tried to find a term's longest delay: every day of a leap year.
REFERENCE_DATES = [date(2024, 1, 1) + timedelta(days=offset) for offset in range(366)]


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    def _credit_longest_delay(self):
        """Most days between an invoice date and a due date of this term (a risk
        segment caps it)."""
        self.ensure_one()
        return max(
            (
                (line._get_due_date(day) - day).days
                for line in self.line_ids
                for day in REFERENCE_DATES
            ),
            default=0,
        )
