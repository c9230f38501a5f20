from odoo import fields, models
from odoo.tools import SQL

PENALTY_KINDS = [("interest", "Late-Payment Interest"), ("indemnity", "Recovery Indemnity")]


class AccountMoveLine(models.Model):
    """A penalty invoice's line knows which late invoice it bills, and what: the
    dunning claims and bills each invoice's interest and indemnity once."""

    _inherit = "account.move.line"

    credit_penalty_source_id = fields.Many2one(
        "account.move",
        string="Penalty For",
        readonly=True,
        index="btree_not_null",
        help="The late invoice whose late-payment interest or recovery indemnity this line bills.",
    )
    credit_penalty_kind = fields.Selection(PENALTY_KINDS, string="Penalty", readonly=True)

    def _credit_billed_penalties(self, invoice_ids):
        """{invoice id: {kind: amount}} of the penalties billed for ``invoice_ids``,
        in company currency: on penalty invoices not cancelled, less their credit notes."""
        if not invoice_ids:
            return {}
        self.flush_model(["credit_penalty_source_id", "credit_penalty_kind", "balance", "move_id"])
        self.env["account.move"].flush_model(["state"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.credit_penalty_source_id, line.credit_penalty_kind, -SUM(line.balance)
                  FROM account_move_line line
                  JOIN account_move penalty ON penalty.id = line.move_id
                 WHERE line.credit_penalty_source_id = ANY(%s) AND penalty.state != 'cancel'
              GROUP BY 1, 2
                """,
                list(invoice_ids),
            )
        )
        billed = {}
        for invoice_id, kind, amount in rows:
            billed.setdefault(invoice_id, {})[kind] = float(amount)
        return billed
