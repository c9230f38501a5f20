from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    credit_block_deliveries = fields.Boolean(
        string="Block Deliveries on Credit Hold",
        help="Refuse to validate deliveries to customers on credit hold, unless a credit "
        "controller releases the delivery.",
    )
