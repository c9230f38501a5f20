from odoo import fields, models


class CreditDunningCommunication(models.Model):
    """The customer answered this reminder (the mail gateway, ``mail.thread``)."""

    _inherit = "credit.dunning.communication"

    replied_date = fields.Datetime(string="Replied On", readonly=True)
    reply_pending = fields.Boolean(
        string="Reply to Handle",
        readonly=True,
        index="btree_not_null",
        help="The customer replied and the collector has not marked the reply handled.",
    )

    def _credit_reply_received(self, message_dict):
        self.write({"replied_date": fields.Datetime.now(), "reply_pending": True})
        self.partner_id._credit_pause_for_reply(self.level_id.name, self.company_id)
