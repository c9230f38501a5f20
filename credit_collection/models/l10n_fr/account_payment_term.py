from odoo import models


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    def _credit_longest_delay(self):
        """Most days between an invoice date and a due date of this term."""
        self.ensure_one()
        return max(
            (line._credit_longest_delay() for line in self.line_ids),
            default=0,
        )

    def _credit_within_french_cap(self):
        """Whether every due date of the term respects the French legal maximum."""
        self.ensure_one()
        return all(line._credit_within_french_cap() for line in self.line_ids)
