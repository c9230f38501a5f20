from odoo import models


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    def _credit_within_french_cap(self, sector=None, periodic=False):
        """Whether every due date of the term respects the French legal maximum."""
        self.ensure_one()
        return all(line._credit_within_french_cap(sector, periodic) for line in self.line_ids)
