from odoo import fields, models


class ResPartnerCreditHold(models.TransientModel):
    """A credit controller puts customers on manual hold, with the reason.

    The hold lands on the commercial partner in the current company; it blocks
    their quotations until released by hand (automatic releases never touch
    manual holds). The rights check is in ``res.partner``.
    """

    _name = "res.partner.credit.hold"
    _description = "Put Customers on Credit Hold"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    reason = fields.Char(required=True)

    def action_hold(self):
        self.ensure_one()
        self.partner_ids.commercial_partner_id._credit_put_on_hold(self.reason)
        return {"type": "ir.actions.act_window_close"}
