from odoo import fields, models


class CreditDisputeReason(models.Model):
    """Why a customer disputes an invoice; shipped with the usual reasons, editable."""

    _name = "credit.dispute.reason"
    _description = "Dispute Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
