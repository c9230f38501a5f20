from odoo import models


class MailMail(models.Model):
    """A statement e-mail the mail server refuses fails its statement."""

    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        if failure_type:
            failed = self.filtered(lambda mail: mail.model == "credit.statement" and mail.res_id)
            if failed:
                statements = self.env["credit.statement"].sudo().browse(failed.mapped("res_id"))
                statements.exists()._credit_bounce(
                    self.env._("The e-mail could not be sent: %s", failure_reason or failure_type)
                )
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
