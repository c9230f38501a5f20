from odoo import api, models, tools


class AccountAccount(models.Model):
    """The receivable accounts, which every exposure, ageing and dunning query reads,
    kept in the registry cache: a sales order's confirmation then needs no query
    for them."""

    _inherit = "account.account"

    @api.model
    @tools.ormcache()
    def _credit_receivable_account_ids(self):
        accounts = (
            self.sudo()
            .with_context(active_test=False)
            .search([("account_type", "=", "asset_receivable")])
        )
        return tuple(accounts.ids) or (0,)

    @api.model_create_multi
    def create(self, vals_list):
        accounts = super().create(vals_list)
        if any(account.account_type == "asset_receivable" for account in accounts):
            self.env.registry.clear_cache()
        return accounts

    def write(self, vals):
        result = super().write(vals)
        if "account_type" in vals:
            self.env.registry.clear_cache()
            self.env["credit.exposure.store"]._rebuild()
        return result

    def unlink(self):
        receivable = any(account.account_type == "asset_receivable" for account in self)
        result = super().unlink()
        if receivable:
            self.env.registry.clear_cache()
            self.env["credit.exposure.store"]._rebuild()
        return result
