from odoo import api, models

from ...groups import CREDIT_CONTROLLER_GROUP, check_group


class CreditStatementReport(models.AbstractModel):
    """The figures of the statements a QWeb report prints, read in one go."""

    _name = "report.credit_collection.report_statement"
    _description = "Statement of Account"

    @api.model
    def _get_report_values(self, docids, data=None):
        statements = self.env["credit.statement"].browse(docids)
        # Controllers, or the portal's own statement rendered as superuser.
        check_group(self.env, CREDIT_CONTROLLER_GROUP)
        statements.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "credit.statement",
            "docs": statements,
            "figures": statements.sudo()._values(),
        }
