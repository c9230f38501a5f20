from odoo import api, models


class AccountPartialReconcile(models.Model):
    """Releases automatic credit holds as soon as a payment is reconciled.

    Every reconciliation that touches a customer's receivable may bring the
    customer back within its segment's overdue tolerance: its automatic hold
    is re-evaluated at once (manual holds are left alone) instead of waiting
    for the next run of the daily scheduled action.
    """

    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        partials._credit_release_paid_customers()
        return partials

    def _credit_release_paid_customers(self):
        """A payment may bring a customer back within its segment's tolerance:
        release its automatic credit hold at once rather than at the next run."""
        lines = (self.debit_move_id | self.credit_move_id).filtered(
            lambda line: line.account_type == "asset_receivable" and line.partner_id
        )
        for company, company_lines in lines.grouped("company_id").items():
            company_lines.partner_id.commercial_partner_id._credit_update_auto_holds(company)
