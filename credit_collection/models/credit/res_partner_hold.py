from odoo import api, fields, models
from odoo.exceptions import UserError

from ...groups import CUSTOMER_FIGURES_GROUP


class ResPartner(models.Model):
    """Credit holds: put by a controller with a reason, or by the segment's
    tolerance (``credit.auto.hold``); every hold and release goes through here."""

    _inherit = "res.partner"

    # Company-dependent fields get no index (core would give each one): the planner opens
    # and weighs every index of res_partner in each query on contacts, which posting runs
    # several times an invoice; these fields are read per customer, seldom searched.
    credit_hold = fields.Boolean(
        company_dependent=True,
        index=False,
        tracking=True,
        copy=False,
        help="Sales orders of a customer on credit hold cannot be confirmed without a credit "
        "manager's approval.",
    )
    credit_hold_type = fields.Selection(
        [("manual", "Manual"), ("automatic", "Automatic")],
        string="Hold Type",
        company_dependent=True,
        index=False,
        copy=False,
        help="Automatic holds are released by themselves once the overdue is back within the "
        "segment's tolerance; manual holds stay until someone releases them.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_hold_reason = fields.Char(
        string="Hold Reason",
        company_dependent=True,
        index=False,
        tracking=True,
        copy=False,
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_hold_user_id = fields.Many2one(
        "res.users",
        string="Held By",
        company_dependent=True,
        index=False,
        copy=False,
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_hold_date = fields.Datetime(
        string="Held Since",
        company_dependent=True,
        index=False,
        copy=False,
        groups=CUSTOMER_FIGURES_GROUP,
    )

    def action_credit_hold(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "credit_collection.res_partner_credit_hold_action"
        )
        action["context"] = {"default_partner_ids": self.commercial_partner_id.ids}
        return action

    def action_credit_release(self):
        self.commercial_partner_id.filtered("credit_hold")._credit_release()

    def _credit_put_on_hold(self, reason, hold_type="manual"):
        if not reason:
            raise UserError(self.env._("Give the reason for the credit hold."))
        self._credit_check_write_rights({"credit_hold": True})
        # Controllers may hold customers without the right to edit contacts.
        self.sudo().write(
            {
                "credit_hold": True,
                "credit_hold_type": hold_type,
                "credit_hold_reason": reason,
                "credit_hold_user_id": self.env.user.id,
                "credit_hold_date": fields.Datetime.now(),
            }
        )

    def _credit_release(self):
        self._credit_check_write_rights({"credit_hold": False})
        self.sudo().write(
            {
                "credit_hold": False,
                "credit_hold_type": False,
                "credit_hold_reason": False,
                "credit_hold_user_id": False,
                "credit_hold_date": False,
            }
        )

    def _credit_hold_message(self):
        """The hold and its reason, as shown on the customer's quotations and invoices."""
        self.ensure_one()
        return self.env._(
            "%(customer)s is on credit hold: %(reason)s",
            customer=self.name,
            reason=self.credit_hold_reason or "",
        )

    @api.model
    def _cron_credit_update_holds(self):
        self.env["credit.auto.hold"]._update_all_companies()

    def _credit_update_auto_holds(self, company, release_only=True):
        """Hold or release these commercial partners in ``company`` by their segment's
        tolerance (see ``credit.auto.hold``)."""
        self.env["credit.auto.hold"]._update(self, company, release_only=release_only)
