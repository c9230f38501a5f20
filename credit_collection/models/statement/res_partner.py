from odoo import api, fields, models


class ResPartner(models.Model):
    """Statements of account of a customer: who gets one monthly, and the button."""

    _inherit = "res.partner"

    credit_statement_sending = fields.Selection(
        [("segment", "As Its Risk Segment"), ("monthly", "Monthly"), ("request", "On Request")],
        string="Statements of Account",
        default="segment",
        help="Monthly: a statement is e-mailed at the start of each month (company settings: "
        "outstanding or activity). As its risk segment: monthly if the customer's risk "
        "segment says so.",
    )
    credit_statement_monthly = fields.Boolean(
        compute="_compute_credit_statement_monthly",
        string="Monthly Statement",
    )

    @api.depends("credit_statement_sending", "credit_risk_segment_id.statement_monthly")
    @api.depends_context("company")
    def _compute_credit_statement_monthly(self):
        for partner in self:
            customer = partner.commercial_partner_id
            sending = customer.credit_statement_sending or "segment"
            partner.credit_statement_monthly = sending == "monthly" or (
                sending == "segment" and customer.credit_risk_segment_id.statement_monthly
            )

    def _credit_controller_fields(self):
        return super()._credit_controller_fields() | {"credit_statement_sending"}

    def _credit_reply_models(self):
        return [*super()._credit_reply_models(), "credit.statement"]

    def _message_receive_bounce(self, email, partner):
        """An e-mail to this contact bounced: so did the statements sent to it lately."""
        result = super()._message_receive_bounce(email, partner)
        self.env["credit.statement"]._credit_bounced_recipients(
            self, self.env._("The e-mail to %s bounced.", email)
        )
        return result

    def action_credit_statement(self):
        """The statement wizard for these customers."""
        self.env["credit.statement.wizard"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Statement of Account"),
            "res_model": "credit.statement.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.commercial_partner_id.ids},
        }
