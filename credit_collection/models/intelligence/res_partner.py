from odoo import api, fields, models

from ...groups import CREDIT_CONTROLLER_GROUP, CUSTOMER_FIGURES_GROUP, check_group
from .credit_payment_score import NO_SCORE


class ResPartner(models.Model):
    """A customer's payment score, insured limit and concentration."""

    _inherit = "res.partner"

    credit_score = fields.Integer(
        groups=CUSTOMER_FIGURES_GROUP,
        string="Payment Score (0-100)",
        compute="_compute_credit_score",
        help="0-100 from how the customer paid over the last months (nightly); see why below.",
    )
    credit_score_label = fields.Char(
        groups=CUSTOMER_FIGURES_GROUP,
        string="Payment Score",
        compute="_compute_credit_score",
        help="The payment score, or a dash when the customer has not paid enough invoices yet.",
    )
    credit_score_explanation = fields.Text(
        groups=CUSTOMER_FIGURES_GROUP, string="Score Explanation", compute="_compute_credit_score"
    )
    credit_score_enough_history = fields.Boolean(
        groups=CUSTOMER_FIGURES_GROUP, compute="_compute_credit_score"
    )
    credit_insured_limit = fields.Monetary(
        groups=CUSTOMER_FIGURES_GROUP,
        string="Insured Limit",
        currency_field="credit_currency_id",
        compute="_compute_credit_insurance",
        help="Live insured limits of the customer in this company, in company currency.",
    )
    credit_uninsured_exposure = fields.Monetary(
        groups=CUSTOMER_FIGURES_GROUP,
        string="Uninsured Exposure",
        currency_field="credit_currency_id",
        compute="_compute_credit_insurance",
        help="Exposure - insured limit x the policy's cover rate (100 % - retention).",
    )
    credit_concentration_warning = fields.Char(
        groups=CUSTOMER_FIGURES_GROUP, compute="_compute_credit_insurance"
    )

    @api.depends_context("company", "lang")
    def _compute_credit_score(self):
        by_customer = self.env["credit.payment.score"]._by_customer(
            self.commercial_partner_id, self.env.company
        )
        for partner in self:
            row = by_customer.get((partner.commercial_partner_id.id, self.env.company.id))
            partner.credit_score = row.score if row else 0
            partner.credit_score_enough_history = bool(row and row.enough_history)
            partner.credit_score_label = (
                str(row.score) if partner.credit_score_enough_history else NO_SCORE
            )
            partner.credit_score_explanation = row.explanation if row else False

    @api.depends_context("company")
    def _compute_credit_insurance(self):
        company = self.env.company
        customers = self.commercial_partner_id.with_company(company)
        insured = self.env["credit.insurance.limit"]._insured(customers, company)
        shares = self.env["credit.concentration"]._shares(customers, company)
        threshold = company.credit_concentration_threshold
        for partner in self:
            customer = partner.commercial_partner_id.with_company(company)
            amount, cover = insured.get(customer.id, (0.0, 1.0))
            partner.credit_insured_limit = amount
            partner.credit_uninsured_exposure = (
                max(customer.credit_exposure - amount * cover, 0.0) if amount else 0.0
            )
            share = shares.get(customer.id, 0.0)
            partner.credit_concentration_warning = (
                self.env._(
                    "%(share)s %% of the company's receivables: above the %(threshold)s %% "
                    "concentration threshold.",
                    share=format(share, ".1f"),
                    threshold=format(threshold, "g"),
                )
                if threshold and share > threshold
                else False
            )

    def action_credit_update_score(self):
        check_group(self.env, CREDIT_CONTROLLER_GROUP)  # the engine runs as superuser
        self.env["credit.score.engine"].sudo()._compute_company(
            self.env.company, partners=self.commercial_partner_id
        )
