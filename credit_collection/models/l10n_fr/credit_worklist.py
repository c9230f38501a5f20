from odoo import models
from odoo.tools import SQL


class CreditWorklist(models.Model):
    _inherit = "credit.worklist"

    def _left_to_proceedings(self):
        # Claims against a customer in insolvency proceedings are declared, not collected.
        self.env["res.partner"].flush_model(["credit_insolvency"])
        return [
            *super()._left_to_proceedings(),
            SQL("COALESCE(commercial.credit_insolvency, FALSE)"),
        ]
