from odoo import fields, models

from ...groups import CREDIT_MANAGER_GROUP


class ResCompany(models.Model):
    """Each company's credit settings (Invoicing > Settings > Credit & Collections):
    whether quotations over the credit limit are refused, how long a credit
    approval stays valid, the reserve-of-title clause and its default for new
    customers, and whether invoices of customers on hold may be posted; each
    concern adds its own settings beside them."""

    _inherit = "res.company"

    credit_approval_validity_days = fields.Integer(
        string="Credit Approval Validity (days)",
        default=7,
        help="Days a credit manager's approval of a blocked order stays valid.",
    )
    credit_reserve_of_title = fields.Boolean(
        string="Reserve of Title",
        help="New customers get the reserve-of-title clause on their invoices and dunning letters.",
    )
    credit_reserve_of_title_clause = fields.Text(
        string="Reserve of Title Clause",
        translate=True,
        help="Printed on invoices of customers under reserve of title. Empty: the standard clause.",
    )
    credit_block_over_limit = fields.Boolean(
        string="Block Sales Orders over the Credit Limit",
        default=True,
        help="Refuse to confirm a quotation that takes its customer over the credit limit "
        "until a credit manager approves it. Off: the quotation only shows a warning, as in "
        "standard Odoo; customers on hold or to prepay stay blocked.",
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

    def _credit_managers(self):
        """Internal users who are credit managers in this company."""
        self.ensure_one()
        return (
            self.env.ref(CREDIT_MANAGER_GROUP)
            .sudo()
            .users.filtered(lambda user: not user.share and self in user.company_ids)
        )

    def _credit_reserve_of_title_text(self):
        """The clause in the context's language: the company's own, or the standard one."""
        self.ensure_one()
        return self.credit_reserve_of_title_clause or self.env._(
            "Reserve of title: the goods remain our property until full payment of the price "
            "(articles 2367 to 2372 of the Civil Code). The buyer bears the risks of the goods "
            "from delivery."
        )
