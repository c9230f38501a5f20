from odoo import fields, models
from odoo.addons.credit_collection.groups import CREDIT_CONTROLLER_GROUP


class ResPartner(models.Model):
    """The Credit tab lists the deliveries its hold stops, for a controller to release."""

    _inherit = "res.partner"

    credit_held_picking_ids = fields.Many2many(
        "stock.picking",
        string="Deliveries Waiting",
        compute="_compute_credit_held_picking_ids",
        groups=CREDIT_CONTROLLER_GROUP,
    )

    def _compute_credit_held_picking_ids(self):
        pickings = self.env["stock.picking"].search(
            [
                ("partner_id.commercial_partner_id", "in", self.commercial_partner_id.ids),
                *self.env["stock.picking"]._credit_held_domain(),
            ]
        )
        held = pickings.filtered("credit_delivery_held")
        for partner in self:
            partner.credit_held_picking_ids = held.filtered(
                lambda picking, p=partner: (
                    picking.partner_id.commercial_partner_id == p.commercial_partner_id
                )
            )
