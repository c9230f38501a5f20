from odoo import api, fields, models

from ...groups import CUSTOMER_FIGURES_GROUP


class ResPartner(models.Model):
    """Payment terms a customer's risk segment (or a later concern, such as French
    law) does not allow: a warning when they are set, and on the Credit tab."""

    _inherit = "res.partner"

    credit_payment_term_warning = fields.Char(
        compute="_compute_credit_payment_term_warning", groups=CUSTOMER_FIGURES_GROUP
    )

    @api.depends_context("company")
    @api.depends("property_payment_term_id", "credit_risk_segment_id", "country_id")
    def _compute_credit_payment_term_warning(self):
        for partner in self:
            partner.credit_payment_term_warning = partner._credit_payment_term_issue() or False

    def _credit_payment_term_issue(self):
        """Why the customer's payment term is too long, or None."""
        self.ensure_one()
        term = self.property_payment_term_id
        if not term:
            return None
        max_days = self.credit_risk_segment_id.max_payment_term_days
        if max_days and term._credit_longest_delay() > max_days:
            return self.env._(
                "Payment term %(term)s can run up to %(days)s days, longer than the %(max)s days "
                "allowed in segment %(segment)s.",
                term=term.name,
                days=term._credit_longest_delay(),
                max=max_days,
                segment=self.credit_risk_segment_id.display_name,
            )
        return None

    @api.onchange("property_payment_term_id", "country_id")
    def _onchange_credit_payment_term(self):
        return self._credit_payment_term_warning_popup()

    def _credit_payment_term_warning_popup(self):
        issue = self._credit_payment_term_issue()
        if issue:
            return {"warning": {"title": self.env._("Payment term too long"), "message": issue}}
        return None
