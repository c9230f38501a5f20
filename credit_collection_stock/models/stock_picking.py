from odoo import api, fields, models
from odoo.addons.credit_collection.groups import CREDIT_CONTROLLER_GROUP
from odoo.exceptions import AccessError, UserError

RELEASE_FIELDS = ("credit_released_by_id", "credit_released_on")


class StockPicking(models.Model):
    """With the company's *Block Deliveries on Credit Hold*, an outgoing delivery to a
    customer on credit hold cannot be validated until a credit controller releases
    that delivery; the release is recorded on it and in its chatter."""

    _inherit = "stock.picking"

    credit_delivery_held = fields.Boolean(
        string="Held for Credit",
        compute="_compute_credit_delivery_held",
        help="The customer is on credit hold: a credit controller must release this delivery "
        "before it is validated.",
    )
    credit_released_by_id = fields.Many2one(
        "res.users", string="Released By", readonly=True, copy=False, tracking=True
    )
    credit_released_on = fields.Datetime(string="Released On", readonly=True, copy=False)

    @api.model
    def _credit_held_domain(self):
        """Deliveries a hold may stop: outgoing, not done nor cancelled, not released."""
        return [
            ("picking_type_code", "=", "outgoing"),
            ("state", "not in", ("done", "cancel")),
            ("credit_released_by_id", "=", False),
        ]

    @api.depends_context("company")
    @api.depends("partner_id", "state", "picking_type_code", "credit_released_by_id")
    def _compute_credit_delivery_held(self):
        for picking in self:
            picking.credit_delivery_held = picking._credit_is_held()

    def _credit_is_held(self):
        self.ensure_one()
        if not self.company_id.credit_block_deliveries or not self.partner_id:
            return False
        if self.picking_type_code != "outgoing" or self.state in ("done", "cancel"):
            return False
        if self.credit_released_by_id:
            return False
        customer = self.partner_id.commercial_partner_id.with_company(self.company_id)
        return customer.sudo().credit_hold

    @api.model_create_multi
    def create(self, vals_list):
        if any(key in vals for vals in vals_list for key in RELEASE_FIELDS):
            self._credit_check_controller()
        return super().create(vals_list)

    def write(self, vals):
        if any(key in vals for key in RELEASE_FIELDS):
            self._credit_check_controller()
        return super().write(vals)

    def _credit_check_controller(self):
        if not self.env.su and not self.env.user.has_group(CREDIT_CONTROLLER_GROUP):
            raise AccessError(
                self.env._("Only credit controllers can release deliveries held for credit.")
            )

    def action_credit_release_delivery(self):
        """Let these deliveries go despite their customer's credit hold."""
        self._credit_check_controller()
        self.check_access("read")
        held = self.filtered("credit_delivery_held")
        if not held:
            raise UserError(self.env._("None of these deliveries is held for credit."))
        held.sudo().write(
            {"credit_released_by_id": self.env.user.id, "credit_released_on": fields.Datetime.now()}
        )
        for picking in held:
            picking.sudo().message_post(
                body=self.env._(
                    "Released by %s despite the customer's credit hold.", self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def button_validate(self):
        self._credit_check_delivery_holds()
        return super().button_validate()

    def _action_done(self):
        self._credit_check_delivery_holds()
        return super()._action_done()

    def _credit_check_delivery_holds(self):
        held = self.filtered("credit_delivery_held")
        if held:
            raise UserError(
                self.env._(
                    "%(deliveries)s cannot be validated: the customer is on credit hold. "
                    "A credit controller must release the delivery first.",
                    deliveries=", ".join(held.mapped("name")),
                )
            )
