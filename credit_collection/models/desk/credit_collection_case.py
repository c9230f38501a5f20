from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CreditCollectionCase(models.AbstractModel):
    """What disputes, promises to pay and payment plans share: a reference from
    their sequence (named after the model), a company, a customer and a chatter,
    and invoices that must all be that customer's."""

    _name = "credit.collection.case"
    _description = "Collection Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(self._name) or "/"
        return super().create(vals_list)

    def _check_customer_invoices(self, invoices):
        """Raise unless every one of ``invoices`` is an invoice of the case's customer."""
        others = invoices.filtered(
            lambda move: move.commercial_partner_id != self.partner_id.commercial_partner_id
        )
        if others:
            raise ValidationError(
                self.env._(
                    "Invoice %(invoice)s is not an invoice of %(customer)s.",
                    invoice=others[0].display_name,
                    customer=self.partner_id.display_name,
                )
            )
