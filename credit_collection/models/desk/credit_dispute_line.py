from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class CreditDisputeLine(models.Model):
    """One disputed invoice of a dispute, and how much of it is disputed."""

    _name = "credit.dispute.line"
    _description = "Disputed Invoice"
    _check_company_auto = True

    dispute_id = fields.Many2one("credit.dispute", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True)
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        index=True,
        check_company=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),"
        " ('commercial_partner_id', '=', parent.partner_id)]",
    )
    currency_id = fields.Many2one(related="move_id.currency_id")
    amount_residual = fields.Monetary(related="move_id.amount_residual", string="Amount Due")
    amount_disputed = fields.Monetary(
        string="Disputed Amount",
        compute="_compute_amount_disputed",
        store=True,
        readonly=False,
        precompute=True,
        help="In the invoice's currency. While the dispute is open, only this part of the "
        "invoice is left out of dunning; the rest is dunned.",
    )

    _sql_constraints = [
        ("amount_positive", "CHECK (amount_disputed > 0)", "A disputed amount is positive."),
        ("invoice_once", "UNIQUE (dispute_id, move_id)", "An invoice is listed once per dispute."),
    ]

    @api.constrains("dispute_id", "move_id", "amount_disputed")
    def _check_invoice(self):
        """Checked on the line itself, so that a line created on its own (RPC, import)
        cannot take another customer's invoice, or more than is due, out of dunning."""
        for line in self:
            line.dispute_id._check_customer_invoices(line.move_id)
            invoice = line.move_id
            if (
                invoice.currency_id.compare_amounts(line.amount_disputed, invoice.amount_residual)
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "The disputed amount of %(invoice)s, %(disputed)s, is more than what is "
                        "due on it: %(due)s.",
                        invoice=invoice.display_name,
                        disputed=invoice.currency_id.format(line.amount_disputed),
                        due=invoice.currency_id.format(invoice.amount_residual),
                    )
                )

    @api.depends("move_id")
    def _compute_amount_disputed(self):
        for line in self:
            line.amount_disputed = line.move_id.amount_residual

    def _open_amounts_query(self, invoice_ids):
        return SQL(
            """
            SELECT line.move_id, SUM(line.amount_disputed)
              FROM credit_dispute_line line
              JOIN credit_dispute dispute ON dispute.id = line.dispute_id
             WHERE dispute.state = 'open' AND line.move_id = ANY(%s)
          GROUP BY line.move_id
            """,
            list(invoice_ids),
        )
