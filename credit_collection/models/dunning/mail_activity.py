from odoo import models

REPLY_ACTIVITY = "credit_collection.mail_activity_type_customer_reply"


class MailActivity(models.Model):
    """Marking a customer's reply handled (its to-do done) resumes its dunning."""

    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        reply_type = self.env.ref(REPLY_ACTIVITY, raise_if_not_found=False)
        replies = self.filtered(
            lambda a: a.res_model == "res.partner" and a.activity_type_id == reply_type
        )
        partners = self.env["res.partner"].browse(replies.mapped("res_id"))
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        partners.sudo()._credit_reply_handled()
        return result
