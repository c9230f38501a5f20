from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    credit_approval_validity_days = fields.Integer(
        string="Credit Approval Validity (days)",
        default=7,
        help="Days a credit manager's approval of a blocked order stays valid.",
    )
    credit_recovery_indemnity = fields.Monetary(
        string="Fixed Recovery Indemnity",
        currency_field="currency_id",
        default=40.0,
        help="Claimed per late invoice from business customers (French Commercial Code D441-5).",
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
