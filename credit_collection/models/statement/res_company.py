from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    credit_statement_kind = fields.Selection(
        [("outstanding", "Outstanding"), ("activity", "Activity")],
        string="Monthly Statement",
        default="outstanding",
        help="Outstanding: the open items at the end of the month, with their ageing. "
        "Activity: the month's invoices, credit notes and payments between the opening and "
        "closing balances.",
    )
