from odoo import fields, models


class CreditDunningCommunicationLine(models.Model):
    """An invoice in a dunning communication, at the level it is dunned for."""

    _name = "credit.dunning.communication.line"
    _description = "Dunning Communication Invoice"
    _order = "communication_id, days_late desc, id"

    communication_id = fields.Many2one(
        "credit.dunning.communication", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="communication_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_id = fields.Many2one("account.move", string="Invoice", required=True, index=True)
    level_id = fields.Many2one("credit.dunning.level", required=True)
    days_late = fields.Integer()
    amount_residual = fields.Monetary(string="Amount Due")
    invoice_currency_id = fields.Many2one("res.currency")
    amount_residual_currency = fields.Monetary(
        string="Amount Due in Invoice Currency", currency_field="invoice_currency_id"
    )
    interest_amount = fields.Monetary(
        string="Interest", help="Late-payment interest on the amount due, at the run date."
    )
    indemnity_amount = fields.Monetary(string="Recovery Indemnity")
    penalty_invoiced = fields.Monetary(
        string="Already Invoiced",
        help="Of the interest and indemnity, what penalty invoices already billed when the run "
        "was planned: not claimed again.",
    )
    sent = fields.Boolean(readonly=True, copy=False)

    def init(self):
        # The same level is sent once per invoice, whatever runs overlap.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS credit_dunning_line_sent_once
                ON credit_dunning_communication_line (move_id, level_id) WHERE sent
            """
        )
