from odoo import api, fields, models
from odoo.tools import format_amount


class AccountMove(models.Model):
    """The mentions French law requires on invoices to professional customers
    (Commercial Code L441-9): the late-payment penalty rate, the fixed recovery
    indemnity, and the early-payment discount terms. Printed on customer invoices
    when the company's setting says so (on by default for French companies)."""

    _inherit = "account.move"

    credit_legal_mentions = fields.Text(
        string="Payment Legal Mentions", compute="_compute_credit_legal_mentions"
    )

    @api.depends(
        "move_type",
        "commercial_partner_id.credit_professional",
        "company_id.credit_invoice_legal_mentions",
        "invoice_payment_term_id",
        "invoice_date",
    )
    @api.depends_context("lang")
    def _compute_credit_legal_mentions(self):
        for move in self:
            applies = (
                move.move_type == "out_invoice"
                and move.company_id.credit_invoice_legal_mentions
                and move.commercial_partner_id.credit_professional
            )
            move.credit_legal_mentions = move._credit_legal_mentions() if applies else False

    def _credit_legal_mentions(self):
        self.ensure_one()
        company = self.company_id
        penalties = self.env._(
            "Any late payment gives rise, from the day after the due date and without a reminder "
            "being necessary, to late-payment interest at %(rate)s and to a fixed indemnity of "
            "%(indemnity)s for recovery costs (French Commercial Code, articles L441-10 and "
            "D441-5).",
            rate=self._credit_late_payment_rate_text(),
            indemnity=format_amount(
                self.env, company.credit_recovery_indemnity, company.currency_id
            ),
        )
        return f"{penalties}\n{self._credit_early_payment_text()}"

    def _credit_late_payment_rate_text(self):
        """The rate this invoice's customer would be charged, with its basis."""
        return self.env["credit.late.interest"]._rate_description(
            self.commercial_partner_id.with_company(self.company_id),
            self.company_id,
            self.invoice_date or fields.Date.context_today(self),
        )

    def _credit_early_payment_text(self):
        term = self.invoice_payment_term_id
        if term.early_discount:
            return self.env._(
                "Early payment discount: %(percent)s %% for payment within %(days)s days.",
                percent=term.discount_percentage,
                days=term.discount_days,
            )
        return self.env._("No discount for early payment.")
