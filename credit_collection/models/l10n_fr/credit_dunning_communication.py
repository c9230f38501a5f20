from odoo import api, fields, models
from odoo.exceptions import UserError


class CreditDunningCommunication(models.Model):
    """The rate a letter states for its late-payment interest, and the penalty
    invoice that bills what it claimed."""

    _inherit = "credit.dunning.communication"

    penalty_rate_text = fields.Char(
        string="Penalty Rate",
        compute="_compute_penalty_rate_text",
        help="Rate applied, and its basis.",
    )
    penalty_move_id = fields.Many2one(
        "account.move", string="Penalty Invoice", readonly=True, copy=False
    )

    @api.depends("partner_id", "company_id", "run_id.date")
    @api.depends_context("lang")
    def _compute_penalty_rate_text(self):
        interest = self.env["credit.late.interest"]
        for communication in self:
            company = communication.company_id
            communication.penalty_rate_text = interest._rate_description(
                communication.partner_id.with_company(company), company, communication.run_id.date
            )

    def action_create_penalty_invoice(self):
        """Invoice the late-payment interest and indemnities claimed in this communication,
        less what earlier penalty invoices billed."""
        self.ensure_one()
        if self.penalty_move_id:
            raise UserError(
                self.env._(
                    "The penalty invoice %s already exists.", self.penalty_move_id.name or ""
                )
            )
        claims = [
            (line.move_id, line.interest_amount, line.indemnity_amount) for line in self.line_ids
        ]
        penalty = self.env["credit.penalty.invoice"]._create(
            self.company_id, self.partner_id, claims, self.run_id.name
        )
        if not penalty:
            raise UserError(
                self.env._(
                    "There is no late-payment interest nor recovery indemnity left to invoice to "
                    "%s: none was claimed, or penalty invoices already bill it.",
                    self.partner_id.display_name,
                )
            )
        self.penalty_move_id = penalty
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": penalty.id,
            "view_mode": "form",
        }
