from odoo import api, fields, models
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
