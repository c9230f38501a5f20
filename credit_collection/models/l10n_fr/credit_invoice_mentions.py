from odoo import fields, models
from odoo.tools import format_amount


class CreditInvoiceMentions(models.AbstractModel):
    """The mentions French law requires on invoices to professional customers
    (Commercial Code L441-9): the late-payment penalty rate with its basis, the
    fixed recovery indemnity, and the early-payment discount terms."""

    _name = "credit.invoice.mentions"
    _description = "Invoice Payment Mentions"

    def _text(self, invoice):
        company = invoice.company_id
        rate = self.env["credit.late.interest"]._rate_description(
            invoice.commercial_partner_id.with_company(company),
            company,
            invoice.invoice_date or fields.Date.context_today(self),
        )
        indemnity = format_amount(self.env, company.credit_recovery_indemnity, company.currency_id)
        if invoice.commercial_partner_id.credit_public_buyer:
            penalties = self.env._(
                "Any late payment gives rise, from the day after the due date and without any "
                "formality, to late-payment interest at %(rate)s and to a fixed indemnity of "
                "%(indemnity)s for recovery costs (Public Procurement Code, articles L2192-13, "
                "R2192-31 and D2192-35).",
                rate=rate,
                indemnity=indemnity,
            )
        else:
            penalties = self.env._(
                "Any late payment gives rise, from the day after the due date and without a "
                "reminder being necessary, to late-payment interest at %(rate)s and to a fixed "
                "indemnity of %(indemnity)s for recovery costs (French Commercial Code, articles "
                "L441-10 and D441-5).",
                rate=rate,
                indemnity=indemnity,
            )
        return f"{penalties}\n{self._early_payment_text(invoice.invoice_payment_term_id)}"

    def _early_payment_text(self, term):
        if term.early_discount:
            return self.env._(
                "Early payment discount: %(percent)s %% for payment within %(days)s days.",
                percent=term.discount_percentage,
                days=term.discount_days,
            )
        return self.env._("No discount for early payment.")
