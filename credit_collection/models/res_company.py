from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    credit_approval_validity_days = fields.Integer(
        string="Credit Approval Validity (days)",
        default=7,
        help="Days a credit manager's approval of a blocked order stays valid.",
    )
    credit_block_invoice_on_hold = fields.Boolean(
        string="Block Invoices of Customers on Hold",
        help="Refuse to post customer invoices for customers on credit hold.",
    )

    _sql_constraints = [
        (
            "credit_approval_validity_positive",
            "CHECK (credit_approval_validity_days > 0)",
            "A credit approval must stay valid at least one day.",
        ),
    ]
