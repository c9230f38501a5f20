from odoo import models


class MailMail(models.Model):
    """A reminder e-mail the mail server refuses fails its communication."""

    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        if failure_type:
            failed = self.filtered(
                lambda mail: mail.model == "credit.dunning.communication" and mail.res_id
            )
            if failed:
                communications = self.env["credit.dunning.communication"].sudo()
                communications.browse(failed.mapped("res_id")).exists()._credit_bounce(
                    self.env._("The e-mail could not be sent: %s", failure_reason or failure_type)
                )
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
