from odoo import api, fields, models

from ...groups import CREDIT_CONTROLLER_GROUP, check_group


class ReportDeclarationOfClaims(models.AbstractModel):
    """The figures of the *Declaration of Claims* letter: each customer's claims as
    they stood at its opening judgment (due, and not yet due), and the goods
    still under reserve of title, in the current company."""

    _name = "report.credit_collection.report_declaration_of_claims"
    _description = "Declaration of Claims"

    @api.model
    def _get_report_values(self, docids, data=None):
        check_group(self.env, CREDIT_CONTROLLER_GROUP)  # any report route reaches this
        partners = self.env["res.partner"].browse(docids)
        company = self.env.company
        claims = {
            partner.id: self.env["credit.insolvency"]._claims_at_judgment(partner, company)
            for partner in partners
        }
        goods = self.env["credit.reserved.goods"]._by_customer(partners, company)
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "company": company,
            "today": fields.Date.context_today(self),
            "signatory": self.env.user,
            "claims": claims,
            "goods": goods,
        }
