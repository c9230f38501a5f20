from odoo import api, models


class CreditDunningDispatcher(models.AbstractModel):
    _inherit = "credit.dunning.dispatcher"

    @api.model
    def _before_todays_runs(self, today):
        result = super()._before_todays_runs(today)
        # Promises broken since yesterday: their invoices are dunned again today.
        self.env["credit.promise"].sudo()._cron_check_promises(today)
        return result
