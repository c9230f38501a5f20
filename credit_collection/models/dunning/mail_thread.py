from odoo import api, models


class MailThread(models.AbstractModel):
    """A customer's reply to a reminder, a formal notice or a statement: the mail
    gateway finds the e-mail it answers, whose document (``credit.dunning.communication``,
    ``credit.statement``) is no mail thread. The reply goes to the customer's
    chatter instead, and the document records it (``_credit_reply_received``):
    dunning pauses and the collector is told."""

    _inherit = "mail.thread"

    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        model, thread_id = route[0], route[1]
        if model in self.env and thread_id and hasattr(self.env[model], "_credit_reply_received"):
            document = self.env[model].sudo().browse(thread_id).exists()
            if document:
                document._credit_reply_received(message_dict)
                route = ("res.partner", document.partner_id.id, *route[2:])
        return super()._routing_check_route(message, message_dict, route, raise_exception)
