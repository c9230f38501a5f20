from odoo import api, fields, models
from odoo.exceptions import UserError

from ...models.statement.credit_statement import STATEMENT_KINDS


class CreditStatementWizard(models.TransientModel):
    """Issue statements of account to one customer or many: print, download or send."""

    _name = "credit.statement.wizard"
    _description = "Issue Statements of Account"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        required=True,
        default=lambda self: self._default_partner_ids(),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(STATEMENT_KINDS, required=True, default="outstanding")
    date_from = fields.Date(
        string="From", default=lambda self: self._default_date_from(), help="Activity only."
    )
    date_to = fields.Date(string="Date", required=True, default=fields.Date.context_today)

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") != "res.partner":
            return False
        partners = self.env["res.partner"].browse(self.env.context.get("active_ids") or [])
        return partners.commercial_partner_id.ids

    @api.model
    def _default_date_from(self):
        return fields.Date.subtract(fields.Date.context_today(self), years=1, days=-1)

    def _statements(self, state):
        self.ensure_one()
        if self.date_to > fields.Date.context_today(self):
            raise UserError(self.env._("A statement cannot be dated in the future."))
        if self.kind == "activity" and (not self.date_from or self.date_from > self.date_to):
            raise UserError(
                self.env._(
                    "An activity statement needs a period: a start date on or before its end."
                )
            )
        return self.env["credit.statement"].create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "kind": self.kind,
                    "date_from": self.date_from if self.kind == "activity" else False,
                    "date_to": self.date_to,
                    "state": state,
                }
                for partner in self.partner_ids.commercial_partner_id
            ]
        )

    def action_print(self):
        return self._statements("issued").action_print()

    def action_download_xlsx(self):
        return self._statements("issued").action_download_xlsx()

    def action_send(self):
        statements = self._statements("issued")
        statements._queue_sending()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Statements"),
            "res_model": "credit.statement",
            "view_mode": "list,form",
            "domain": [("id", "in", statements.ids)],
        }
