from odoo import api, fields, models

from ...groups import CREDIT_CONTROLLER_GROUP, check_group


class ReportClaimReturnOfGoods(models.AbstractModel):
    """The figures of the *Claim for Return of Goods* letter: the goods sold under
    reserve of title to each customer in insolvency proceedings and still unpaid,
    in the current company. Naming goods in the declaration of claims is not a
    claim for their return: this letter is (L624-9, R624-13)."""

    _name = "report.credit_collection.report_claim_return_of_goods"
    _description = "Claim for Return of Goods"

    @api.model
    def _get_report_values(self, docids, data=None):
        check_group(self.env, CREDIT_CONTROLLER_GROUP)  # any report route reaches this
        partners = self.env["res.partner"].browse(docids)
        company = self.env.company
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "company": company,
            "today": fields.Date.context_today(self),
            "signatory": self.env.user,
            "goods": self.env["credit.reserved.goods"]._by_customer(partners, company),
        }
